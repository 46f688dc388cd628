package dev.gearbox.router.replay;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ReplaySummary} as one self-contained HTML page: inline SVG charts and CSS, no scripts, nothing
 * fetched, so it opens anywhere, offline.
 */
public final class ReplayHtml {
  private static final String[] COLORS = {"#4c9a2a", "#e0a106", "#c0392b", "#2c7fb8", "#7b3294", "#636363"};

  private ReplayHtml() {
  }

  public static String render(JsonNode summary) {
    List<String> tiers = new ArrayList<>();
    summary.get("tiers").forEach(t -> tiers.add(t.asText()));
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Gearbox replay: ")
        .append(escape(summary.get("policy").asText())).append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}")
        .append("</style></head><body>");
    html.append("<h1>Replay of ").append(escape(summary.get("policy").asText())).append("</h1><p>")
        .append(summary.get("total").asInt()).append(" prompts; relative cost ")
        .append(String.format(Locale.ROOT, "%.3f", summary.get("relativeCost").asDouble()))
        .append("; accuracy ").append(ReplayTable.pct(summary.get("accuracy")))
        .append("; under-routed ").append(ReplayTable.pct(summary.get("underRouted")))
        .append("; over-routed ").append(ReplayTable.pct(summary.get("overRouted")))
        .append("; decision p50 ").append(String.format(Locale.ROOT, "%.3f", summary.get("latencyMs").get("p50")
            .asDouble())).append(" ms, p99 ").append(String.format(Locale.ROOT, "%.3f",
            summary.get("latencyMs").get("p99").asDouble())).append(" ms</p>");
    html.append("<h2>Tier shares</h2>").append(shareBars(summary, tiers));
    if (summary.has("track")) {
      html.append("<h2>Calibration Track: thresholds over the replay</h2>").append(track(summary.get("track")));
    }
    if (!summary.get("confusion").isNull()) {
      html.append("<h2>Confusion matrix (rows: label, columns: routed)</h2>").append(confusion(summary, tiers));
      html.append("<h2>Cost against under-routing</h2>").append(costScatter(summary));
    }
    return html.append("</body></html>").toString();
  }

  private static String track(JsonNode track) {
    StringBuilder table = new StringBuilder("<p>").append(track.get("moves").asLong())
        .append(" moves; shares of the last window of ").append(track.get("windowSize").asLong()).append(": ");
    track.get("lastWindowShares").fields().forEachRemaining(e -> table.append(escape(e.getKey())).append(' ')
        .append(ReplayTable.pct(e.getValue())).append(" (target ")
        .append(ReplayTable.pct(track.get("targetShares").get(e.getKey()))).append(") "));
    table.append("</p><table><tr><th>after prompts</th><th>thresholds</th></tr>");
    track.get("thresholds").forEach(p -> table.append("<tr><td>").append(p.get("prompts").asInt())
        .append("</td><td>").append(escape(p.get("thresholds").toString())).append("</td></tr>"));
    return table.append("</table>").toString();
  }

  /** One stacked bar for all traffic, then one per source. */
  private static String shareBars(JsonNode summary, List<String> tiers) {
    List<String> names = new ArrayList<>();
    List<JsonNode> nodes = new ArrayList<>();
    allThenSources(summary, names, nodes);
    int width = 600;
    StringBuilder svg = new StringBuilder("<svg width=\"" + (width + 220)
        + "\" height=\"" + (nodes.size() * 24 + 30) + "\">");
    for (int i = 0; i < nodes.size(); i++) {
      double x = 200;
      svg.append(text(0, i * 24 + 16, names.get(i)));
      for (int t = 0; t < tiers.size(); t++) {
        double w = nodes.get(i).get("tierShares").get(tiers.get(t)).asDouble() * width;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\">"
            + "<title>%s %.1f%%</title></rect>", x, i * 24 + 3, w, COLORS[t % COLORS.length], escape(tiers.get(t)),
            w / width * 100));
        x += w;
      }
    }
    for (int t = 0; t < tiers.size(); t++) {
      int y = nodes.size() * 24 + 20;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
          200 + t * 140, y - 10, COLORS[t % COLORS.length])).append(text(216 + t * 140, y, tiers.get(t)));
    }
    return svg.append("</svg>").toString();
  }

  private static String confusion(JsonNode summary, List<String> tiers) {
    JsonNode matrix = summary.get("confusion").get("matrix");
    long max = 1;
    for (JsonNode row : matrix) {
      for (JsonNode c : row) {
        max = Math.max(max, c.asLong());
      }
    }
    StringBuilder table = new StringBuilder("<table><tr><th></th>");
    tiers.forEach(t -> table.append("<th>").append(escape(t)).append("</th>"));
    table.append("</tr>");
    for (int label = 0; label < tiers.size(); label++) {
      table.append("<tr><th>").append(escape(tiers.get(label))).append("</th>");
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

  /** Each source (and all traffic) as a point: relative cost on x, under-routed share on y. */
  private static String costScatter(JsonNode summary) {
    int size = 400;
    StringBuilder svg = new StringBuilder("<svg width=\"" + (size + 260)
        + "\" height=\"" + (size + 50) + "\"><rect x=\"40\" y=\"10\" width=\"" + size + "\" height=\"" + size
        + "\" fill=\"none\" stroke=\"#999\"/>");
    svg.append(text(40 + size / 2 - 60, size + 40, "relative cost (0..1)"))
        .append(text(0, 20, "under")).append(text(0, size + 10, "0"));
    List<String> names = new ArrayList<>();
    List<JsonNode> nodes = new ArrayList<>();
    allThenSources(summary, names, nodes);
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      if (n.get("underRouted").isNull()) {
        continue;
      }
      double x = 40 + n.get("relativeCost").asDouble() * size;
      double y = 10 + size - n.get("underRouted").asDouble() * size;
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"/>", x, y,
          i == 0 ? 7 : 4, i == 0 ? "#222" : "#2c7fb8")).append(text((int) x + 8, (int) y + 4, names.get(i)));
    }
    return svg.append("</svg>").toString();
  }

  private static void allThenSources(JsonNode summary, List<String> names, List<JsonNode> nodes) {
    names.add("all");
    nodes.add(summary);
    summary.get("perSource").fields().forEachRemaining(e -> {
      names.add(e.getKey());
      nodes.add(e.getValue());
    });
  }

  private static String text(int x, int y, String value) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"12\">" + escape(value) + "</text>";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
