package dev.gearbox.router.replay;

import dev.gearbox.router.replay.ReplayReport.Metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The replay page's tables. Pure: report parts in, HTML text out. */
final class ReplayTables {
  private ReplayTables() {
  }

  /** @param matrix counts by [label][routed] */
  static String confusion(long[][] matrix, List<String> tiers) {
    long max = Math.max(1, Arrays.stream(matrix).flatMapToLong(Arrays::stream).max().orElse(0));
    StringBuilder table = new StringBuilder("<table><tr><th></th>");
    tiers.forEach(t -> table.append("<th>").append(ReplayHtml.escape(t)).append("</th>"));
    table.append("</tr>");
    for (int label = 0; label < tiers.size(); label++) {
      table.append("<tr><th>").append(ReplayHtml.escape(tiers.get(label))).append("</th>");
      for (int routed = 0; routed < tiers.size(); routed++) {
        long count = matrix[label][routed];
        String hue = routed == label ? "120" : routed < label ? "0" : "40";
        table.append(String.format(Locale.ROOT, "<td style=\"background:hsla(%s,70%%,50%%,%.2f)\">%d</td>", hue,
            0.1 + 0.8 * count / max, count));
      }
      table.append("</tr>");
    }
    return table.append("</table><p>Green: right tier; red: under-routed; amber: over-routed.</p>").toString();
  }

  /** All traffic and each source: size, quality, cost and shares, the numbers behind the charts. */
  static String perSource(List<Map.Entry<String, Metrics>> groups, List<String> tiers) {
    StringBuilder table = new StringBuilder("<table><tr><th>source</th><th>prompts</th><th>accuracy</th>"
        + "<th>under-routed</th><th>over-routed</th><th>relative cost</th>");
    tiers.forEach(t -> table.append("<th>").append(ReplayHtml.escape(t)).append("</th>"));
    table.append("</tr>");
    groups.forEach(group -> {
      Metrics n = group.getValue();
      table.append("<tr><th>").append(ReplayHtml.escape(group.getKey())).append("</th><td>")
          .append(n.total()).append("</td><td>").append(ReplayTable.pct(n.accuracy()))
          .append("</td><td>").append(ReplayTable.pct(n.underRouted())).append("</td><td>")
          .append(ReplayTable.pct(n.overRouted())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f", n.relativeCost())).append("</td>");
      tiers.forEach(t -> table.append("<td>").append(ReplayTable.pct(n.tierShares().get(t))).append("</td>"));
      table.append("</tr>");
    });
    return table.append("</table>").toString();
  }

  static String track(ReplayReport.Track track) {
    StringBuilder table = new StringBuilder("<p>").append(track.moves())
        .append(" moves; shares of the last window of ").append(track.windowSize()).append(": ");
    track.lastWindowShares().forEach((tier, share) -> table.append(ReplayHtml.escape(tier))
        .append(' ').append(ReplayTable.pct(share)).append(" (target ")
        .append(ReplayTable.pct(track.targetShares().get(tier))).append(") "));
    table.append("</p><table><tr><th>after prompts</th><th>thresholds</th></tr>");
    track.thresholds().forEach(p -> table.append("<tr><td>").append(p.prompts())
        .append("</td><td>").append(ReplayHtml.escape(ReplayTable.numbers(p.thresholds()))).append("</td></tr>"));
    return table.append("</table>").toString();
  }

  /** The thresholds in force at the end of the replay, tier by tier. */
  static String thresholds(double[] thresholds, List<String> tiers) {
    StringBuilder table = new StringBuilder("<table><tr><th>tier</th><th>scores</th></tr>");
    for (int t = 0; t < tiers.size(); t++) {
      String from = t == 0 ? "0" : String.format(Locale.ROOT, "%.4f", thresholds[t - 1]);
      String to = t == tiers.size() - 1 ? "1" : String.format(Locale.ROOT, "%.4f", thresholds[t]);
      table.append("<tr><th>").append(ReplayHtml.escape(tiers.get(t))).append("</th><td>[").append(from)
          .append(", ").append(to).append(t == tiers.size() - 1 ? "]" : ")").append("</td></tr>");
    }
    return table.append("</table>").toString();
  }

  static String misrouted(List<ReplayReport.Misrouted> misrouted) {
    StringBuilder table = new StringBuilder("<table><tr><th>line</th><th>label</th><th>routed</th>"
        + "<th>decided by</th><th style=\"text-align:left\">prompt</th></tr>");
    misrouted.forEach(m -> table.append("<tr><td>").append(m.line()).append("</td><td>")
        .append(ReplayHtml.escape(m.label())).append("</td><td>")
        .append(ReplayHtml.escape(m.routed())).append("</td><td>")
        .append(ReplayHtml.escape(m.decidedBy())).append("</td><td style=\"text-align:left\">")
        .append(ReplayHtml.escape(m.prompt())).append("</td></tr>"));
    return table.append("</table>").toString();
  }
}
