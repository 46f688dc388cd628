package dev.gearbox.router.replay;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/** The replay page's tables. Pure: JSON summary in, HTML text out. */
final class ReplayTables {
  private ReplayTables() {
  }

  static String confusion(JsonNode summary, List<String> tiers) {
    JsonNode matrix = summary.get("confusion").get("matrix");
    long max = 1;
    for (JsonNode row : matrix) {
      for (JsonNode c : row) {
        max = Math.max(max, c.asLong());
      }
    }
    StringBuilder table = new StringBuilder("<table><tr><th></th>");
    tiers.forEach(t -> table.append("<th>").append(ReplayHtml.escape(t)).append("</th>"));
    table.append("</tr>");
    for (int label = 0; label < tiers.size(); label++) {
      table.append("<tr><th>").append(ReplayHtml.escape(tiers.get(label))).append("</th>");
      for (int routed = 0; routed < tiers.size(); routed++) {
        long count = matrix.get(label).get(routed).asLong();
        String hue = routed == label ? "120" : routed < label ? "0" : "40";
        table.append(String.format(Locale.ROOT, "<td style=\"background:hsla(%s,70%%,50%%,%.2f)\">%d</td>", hue,
            0.1 + 0.8 * count / max, count));
      }
      table.append("</tr>");
    }
    return table.append("</table><p>Green: right tier; red: under-routed; amber: over-routed.</p>").toString();
  }

  /** All traffic and each source: size, quality, cost and shares, the numbers behind the charts. */
  static String perSource(List<String> names, List<JsonNode> nodes, List<String> tiers) {
    StringBuilder table = new StringBuilder("<table><tr><th>source</th><th>prompts</th><th>accuracy</th>"
        + "<th>under-routed</th><th>over-routed</th><th>relative cost</th>");
    tiers.forEach(t -> table.append("<th>").append(ReplayHtml.escape(t)).append("</th>"));
    table.append("</tr>");
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      table.append("<tr><th>").append(ReplayHtml.escape(names.get(i))).append("</th><td>")
          .append(n.get("total").asInt()).append("</td><td>").append(ReplayTable.pct(n.get("accuracy")))
          .append("</td><td>").append(ReplayTable.pct(n.get("underRouted"))).append("</td><td>")
          .append(ReplayTable.pct(n.get("overRouted"))).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f", n.get("relativeCost").asDouble())).append("</td>");
      tiers.forEach(t -> table.append("<td>").append(ReplayTable.pct(n.get("tierShares").get(t))).append("</td>"));
      table.append("</tr>");
    }
    return table.append("</table>").toString();
  }

  static String track(JsonNode track) {
    StringBuilder table = new StringBuilder("<p>").append(track.get("moves").asLong())
        .append(" moves; shares of the last window of ").append(track.get("windowSize").asLong()).append(": ");
    track.get("lastWindowShares").fields().forEachRemaining(e -> table.append(ReplayHtml.escape(e.getKey()))
        .append(' ').append(ReplayTable.pct(e.getValue())).append(" (target ")
        .append(ReplayTable.pct(track.get("targetShares").get(e.getKey()))).append(") "));
    table.append("</p><table><tr><th>after prompts</th><th>thresholds</th></tr>");
    track.get("thresholds").forEach(p -> table.append("<tr><td>").append(p.get("prompts").asInt())
        .append("</td><td>").append(ReplayHtml.escape(p.get("thresholds").toString())).append("</td></tr>"));
    return table.append("</table>").toString();
  }

  /** The thresholds in force at the end of the replay, tier by tier. */
  static String thresholds(JsonNode thresholds, List<String> tiers) {
    StringBuilder table = new StringBuilder("<table><tr><th>tier</th><th>scores</th></tr>");
    for (int t = 0; t < tiers.size(); t++) {
      String from = t == 0 ? "0" : String.format(Locale.ROOT, "%.4f", thresholds.get(t - 1).asDouble());
      String to = t == tiers.size() - 1 ? "1" : String.format(Locale.ROOT, "%.4f", thresholds.get(t).asDouble());
      table.append("<tr><th>").append(ReplayHtml.escape(tiers.get(t))).append("</th><td>[").append(from)
          .append(", ").append(to).append(t == tiers.size() - 1 ? "]" : ")").append("</td></tr>");
    }
    return table.append("</table>").toString();
  }

  static String misrouted(JsonNode misrouted) {
    StringBuilder table = new StringBuilder("<table><tr><th>line</th><th>label</th><th>routed</th>"
        + "<th>decided by</th><th style=\"text-align:left\">prompt</th></tr>");
    misrouted.forEach(m -> table.append("<tr><td>").append(m.get("line").asInt()).append("</td><td>")
        .append(ReplayHtml.escape(m.get("label").asText())).append("</td><td>")
        .append(ReplayHtml.escape(m.get("routed").asText())).append("</td><td>")
        .append(ReplayHtml.escape(m.get("decidedBy").asText())).append("</td><td style=\"text-align:left\">")
        .append(ReplayHtml.escape(m.get("prompt").asText())).append("</td></tr>"));
    return table.append("</table>").toString();
  }
}
