package dev.gearbox.router.replay;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ReplaySummary} as one self-contained HTML page: inline SVG charts and CSS, no scripts, nothing
 * fetched, so it opens anywhere, offline. Prompts appear only when the summary carries them (replay
 * --html-prompts).
 */
public final class ReplayHtml {
  private ReplayHtml() {
  }

  public static String render(JsonNode summary) {
    List<String> tiers = new ArrayList<>();
    summary.get("tiers").forEach(t -> tiers.add(t.asText()));
    List<String> names = new ArrayList<>();
    List<JsonNode> nodes = new ArrayList<>();
    allThenSources(summary, names, nodes);
    String policy = escape(summary.get("policy").asText());
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Gearbox replay: ")
        .append(policy).append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}")
        .append(".warning{background:#fdecea;border:1px solid #c0392b;padding:8px}")
        .append("</style></head><body>");
    html.append("<h1>Replay of ").append(policy).append("</h1>");
    if (summary.has("generated")) {
      html.append("<p>").append(escape(summary.get("generated").asText())).append(", gearbox-router ")
          .append(escape(summary.get("version").asText())).append("</p>");
    }
    if (summary.path("inSample").asLong() > 0) {
      html.append(String.format(Locale.ROOT, "<p class=\"warning\">%d of %d prompts are among the estimator's "
          + "training prompts: its accuracy on them is in-sample and says little about traffic it never saw.</p>",
          summary.get("inSample").asLong(), summary.get("total").asLong()));
    }
    html.append("<p>").append(summary.get("total").asInt()).append(" prompts; relative cost ")
        .append(String.format(Locale.ROOT, "%.3f", summary.get("relativeCost").asDouble()))
        .append("; accuracy ").append(ReplayTable.pct(summary.get("accuracy")))
        .append("; under-routed ").append(ReplayTable.pct(summary.get("underRouted")))
        .append("; over-routed ").append(ReplayTable.pct(summary.get("overRouted")))
        .append(String.format(Locale.ROOT, "; decision p50 %.3f ms, p99 %.3f ms",
            summary.get("latencyMs").get("p50").asDouble(), summary.get("latencyMs").get("p99").asDouble()))
        .append("</p>");
    if (summary.hasNonNull("thresholds")) {
      html.append("<h2>Thresholds in force</h2>").append(ReplayTables.thresholds(summary.get("thresholds"), tiers));
    }
    html.append("<h2>Tier shares</h2>").append(ReplayCharts.shareBars(names, nodes, tiers));
    html.append("<h2>Per source</h2>").append(ReplayTables.perSource(names, nodes, tiers));
    html.append("<h2>What decided</h2>").append(decidedBy(summary.get("decidedBy")));
    html.append("<h2>Decision latency</h2>").append(latency(summary.get("latencyMs")));
    if (summary.has("track")) {
      html.append("<h2>Calibration Track: thresholds over the replay</h2>").append(ReplayTables.track(summary.get("track")));
    }
    if (!summary.get("confusion").isNull()) {
      html.append("<h2>Confusion matrix (rows: label, columns: routed)</h2>")
          .append(ReplayTables.confusion(summary, tiers));
      html.append("<h2>Cost against under-routing</h2>").append(ReplayCharts.costScatter(names, nodes));
    }
    if (summary.has("misrouted")) {
      html.append("<h2>Misrouted prompts</h2>").append(ReplayTables.misrouted(summary.get("misrouted")));
    }
    return html.append("</body></html>").toString();
  }

  private static String decidedBy(JsonNode decidedBy) {
    List<String> labels = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    decidedBy.fields().forEachRemaining(e -> {
      labels.add(e.getKey());
      shares.add(e.getValue().asDouble() * 100);
    });
    return ReplayCharts.hbars(labels, shares, "%.1f%%");
  }

  private static String latency(JsonNode latency) {
    List<String> labels = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    for (JsonNode bucket : latency.path("histogram")) {
      labels.add(bucket.get("le").isNumber()
          ? String.format(Locale.ROOT, "≤ %s ms", bucket.get("le").asText()) : "more");
      counts.add(bucket.get("count").asDouble());
    }
    return String.format(Locale.ROOT, "<p>mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms</p>",
        latency.get("mean").asDouble(), latency.get("p50").asDouble(), latency.get("p99").asDouble(),
        latency.get("max").asDouble()) + ReplayCharts.hbars(labels, counts, "%.0f");
  }

  private static void allThenSources(JsonNode summary, List<String> names, List<JsonNode> nodes) {
    names.add("all");
    nodes.add(summary);
    summary.get("perSource").fields().forEachRemaining(e -> {
      names.add(e.getKey());
      nodes.add(e.getValue());
    });
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
