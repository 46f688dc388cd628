package dev.gearbox.router.replay;

import dev.gearbox.router.replay.ReplayReport.Metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ReplayReport} as one self-contained HTML page: inline SVG charts and CSS, no scripts, nothing
 * fetched, so it opens anywhere, offline. Prompts appear only when the report carries them (replay
 * --html-prompts).
 */
public final class ReplayHtml {
  private ReplayHtml() {
  }

  public static String render(ReplayReport report) {
    List<String> tiers = report.tiers();
    // A list, not a map: a source may be called "all" too, and both rows must show.
    List<Map.Entry<String, Metrics>> groups = new ArrayList<>();
    groups.add(Map.entry("all", report.overall()));
    groups.addAll(report.perSource().entrySet());
    Metrics all = report.overall();
    String policy = escape(report.policy());
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Gearbox replay: ")
        .append(policy).append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}")
        .append(".warning{background:#fdecea;border:1px solid #c0392b;padding:8px}")
        .append("</style></head><body>");
    html.append("<h1>Replay of ").append(policy).append("</h1>");
    ReplayReport.RunInfo run = report.run();
    if (run != null) {
      html.append("<p>").append(escape(run.generated().toString())).append(", gearbox-router ")
          .append(escape(run.version())).append("</p>");
    }
    if (run != null && run.inSample() > 0) {
      html.append(String.format(Locale.ROOT, "<p class=\"warning\">%d of %d prompts are among the estimator's "
          + "training prompts: its accuracy on them is in-sample and says little about traffic it never saw.</p>",
          run.inSample(), all.total()));
    }
    html.append("<p>").append(all.total()).append(" prompts; relative cost ")
        .append(String.format(Locale.ROOT, "%.3f", all.relativeCost()))
        .append("; accuracy ").append(ReplayTable.pct(all.accuracy()))
        .append("; under-routed ").append(ReplayTable.pct(all.underRouted()))
        .append("; over-routed ").append(ReplayTable.pct(all.overRouted()))
        .append(String.format(Locale.ROOT, "; decision p50 %.3f ms, p99 %.3f ms",
            report.latencyMs().p50(), report.latencyMs().p99()))
        .append("</p>");
    if (run != null && run.thresholds() != null) {
      html.append("<h2>Thresholds in force</h2>").append(ReplayTables.thresholds(run.thresholds(), tiers));
    }
    html.append("<h2>Tier shares</h2>").append(ReplayCharts.shareBars(groups, tiers));
    html.append("<h2>Per source</h2>").append(ReplayTables.perSource(groups, tiers));
    html.append("<h2>What decided</h2>").append(decidedBy(report.decidedBy()));
    html.append("<h2>Decision latency</h2>").append(latency(report.latencyMs()));
    if (report.track() != null) {
      html.append("<h2>Calibration Track: thresholds over the replay</h2>").append(ReplayTables.track(report.track()));
    }
    if (all.confusion() != null) {
      html.append("<h2>Confusion matrix (rows: label, columns: routed)</h2>")
          .append(ReplayTables.confusion(all.confusion().matrix(), tiers));
      html.append("<h2>Cost against under-routing</h2>").append(ReplayCharts.costScatter(groups));
    }
    if (report.misrouted() != null) {
      html.append("<h2>Misrouted prompts</h2>").append(ReplayTables.misrouted(report.misrouted()));
    }
    return html.append("</body></html>").toString();
  }

  private static String decidedBy(Map<String, Double> decidedBy) {
    return ReplayCharts.hbars(List.copyOf(decidedBy.keySet()),
        decidedBy.values().stream().map(share -> share * 100).toList(), "%.1f%%");
  }

  private static String latency(ReplayReport.Latency latency) {
    List<String> labels = latency.histogram().stream().map(b -> Double.isInfinite(b.le()) ? "more"
        : String.format(Locale.ROOT, "≤ %s ms", b.le())).toList();
    List<Double> counts = latency.histogram().stream().map(b -> (double) b.count()).toList();
    return String.format(Locale.ROOT, "<p>mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms</p>",
        latency.mean(), latency.p50(), latency.p99(), latency.max()) + ReplayCharts.hbars(labels, counts, "%.0f");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
