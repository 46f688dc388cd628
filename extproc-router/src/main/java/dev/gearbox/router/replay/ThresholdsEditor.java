package dev.gearbox.router.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes calibrated thresholds into a RoutingPolicy's YAML text, replacing {@code spec.complexity} (thresholds or
 * shares) and the comment block right above it (which describes how the old thresholds were found), and leaving
 * every other line, comments included, as it was. Pure.
 */
public final class ThresholdsEditor {
  private ThresholdsEditor() {
  }

  /**
   * @return the edited text, or null when {@code yaml} holds no RoutingPolicy named {@code policyName}
   */
  public static String withThresholds(String yaml, String policyName, double[] thresholds) {
    return withThresholds(yaml, policyName, thresholds, List.of());
  }

  /**
   * @param comment lines (without {@code #}) that replace the comment block above {@code complexity:}; empty keeps it
   * @return the edited text, or null when {@code yaml} holds no RoutingPolicy named {@code policyName}
   */
  public static String withThresholds(String yaml, String policyName, double[] thresholds, List<String> comment) {
    List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
    int start = 0;
    for (int i = 0; i <= lines.size(); i++) {
      if (i == lines.size() || lines.get(i).startsWith("---")) {
        if (isPolicy(lines.subList(start, i), policyName)) {
          edit(lines, start, i, thresholds, comment);
          return String.join("\n", lines);
        }
        start = i + 1;
      }
    }
    return null;
  }

  private static boolean isPolicy(List<String> document, String name) {
    return document.stream().anyMatch(l -> l.matches("kind:\\s*RoutingPolicy\\s*"))
        && document.stream().anyMatch(l -> l.matches("\\s+name:\\s*\"?" + java.util.regex.Pattern.quote(name)
            + "\"?\\s*"));
  }

  private static void edit(List<String> lines, int from, int to, double[] thresholds, List<String> comment) {
    int spec = -1;
    for (int i = from; i < to; i++) {
      if (lines.get(i).matches("spec:\\s*")) {
        spec = i;
      }
    }
    if (spec < 0) {
      throw new IllegalArgumentException("the RoutingPolicy has no spec");
    }
    String indent = "  ";
    for (int i = spec + 1; i < to; i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.strip().startsWith("#")) {
        indent = line.substring(0, line.length() - line.stripLeading().length());
        break;
      }
    }
    String values = Arrays.stream(thresholds).mapToObj(t -> String.format(Locale.ROOT, "%.4f", t))
        .collect(Collectors.joining(", "));
    List<String> block = new ArrayList<>();
    for (String c : comment) {
      block.add(indent + "# " + c);
    }
    block.add(indent + "complexity:");
    block.add(indent + indent + "thresholds: [" + values + "]");
    for (int i = spec + 1; i < to; i++) {
      if (lines.get(i).equals(indent + "complexity:") || lines.get(i).startsWith(indent + "complexity: ")) {
        int end = i + 1;
        while (end < to && (lines.get(end).isBlank() || lines.get(end).startsWith(indent + indent)
            || lines.get(end).startsWith(indent + " "))) {
          end++;
        }
        int begin = i;
        while (!comment.isEmpty() && begin > spec + 1 && lines.get(begin - 1).startsWith(indent + "#")) {
          begin--;
        }
        lines.subList(begin, end).clear();
        lines.addAll(begin, block);
        return;
      }
    }
    lines.addAll(spec + 1, block);
  }
}
