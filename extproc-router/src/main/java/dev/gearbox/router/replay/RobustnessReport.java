package dev.gearbox.router.replay;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * How often a router's tier changes under edits that keep a prompt's meaning: lower-casing, toggling a trailing
 * question mark or full stop, a "Please " prefix, collapsing whitespace. A router should not care. Pure.
 */
public final class RobustnessReport {
  /** The meaning-preserving edits, by name. */
  public static final Map<String, UnaryOperator<String>> EDITS = edits();

  private RobustnessReport() {
  }

  private static Map<String, UnaryOperator<String>> edits() {
    Map<String, UnaryOperator<String>> edits = new LinkedHashMap<>();
    edits.put("lower-cased", s -> s.toLowerCase(Locale.ROOT));
    edits.put("trailing ?/. toggled", RobustnessReport::toggleTrailing);
    edits.put("\"Please \" prefix", s -> "Please " + s);
    edits.put("whitespace collapsed", s -> s.replaceAll("\\s+", " ").strip());
    return edits;
  }

  /** "x?" and "x." lose the mark; anything else gains a "?". */
  static String toggleTrailing(String text) {
    String stripped = text.stripTrailing();
    return stripped.endsWith("?") || stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1)
        : stripped + "?";
  }

  /** Prints the share of prompts whose tier changes under each edit; returns the share over all pairs. */
  public static double print(List<String> prompts, ToIntFunction<String> tierOf, PrintStream out) {
    int[] original = prompts.stream().mapToInt(tierOf).toArray();
    long flips = 0;
    out.printf("%ntier changes under meaning-preserving edits (%d prompts each):%n", prompts.size());
    for (Map.Entry<String, UnaryOperator<String>> edit : EDITS.entrySet()) {
      long changed = 0;
      for (int i = 0; i < prompts.size(); i++) {
        if (tierOf.applyAsInt(edit.getValue().apply(prompts.get(i))) != original[i]) {
          changed++;
        }
      }
      flips += changed;
      out.printf(Locale.ROOT, "  %-22s %5d  %5.2f%%%n", edit.getKey(), changed, 100.0 * changed / prompts.size());
    }
    double share = (double) flips / (prompts.size() * (long) EDITS.size());
    out.printf(Locale.ROOT, "  %-22s %5d  %5.2f%% of %d pairs%n", "all", flips, 100 * share,
        prompts.size() * EDITS.size());
    return share;
  }
}
