package dev.gearbox.router.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.router.classifier.PromptFile;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code replay --decisions}: one JSON object per input line, in input order, saying what the router decided for
 * it, so a user can join decisions back to their own data by line number.
 */
public final class DecisionLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param tier      the tier routed to, or null when the request was not routed
   * @param decidedBy the deciding rule or signal ({@code rule:<name>}, {@code complexity}, {@code default}), or
   *                  why nothing was routed
   * @param score     the estimator's score, or null where no estimator ran
   * @param error     why the line is not a prompt, or null
   */
  public record Line(int line, String tier, String decidedBy, Double score, String error) {
  }

  private DecisionLog() {
  }

  public static void write(List<Line> decisions, List<PromptFile.Malformed> malformed, Writer out)
      throws IOException {
    List<Line> all = new ArrayList<>(decisions);
    malformed.forEach(m -> all.add(new Line(m.line(), null, null, null, m.message())));
    all.sort(Comparator.comparingInt(Line::line));
    for (Line line : all) {
      out.write(JSON.writeValueAsString(line));
      out.write('\n');
    }
  }
}
