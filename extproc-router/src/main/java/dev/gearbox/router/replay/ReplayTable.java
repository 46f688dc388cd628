package dev.gearbox.router.replay;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link ReplaySummary} as a readable table. */
public final class ReplayTable {
  private ReplayTable() {
  }

  public static void print(JsonNode summary, PrintStream out) {
    List<String> tiers = new ArrayList<>();
    summary.get("tiers").forEach(t -> tiers.add(t.asText()));
    out.printf(Locale.ROOT, "policy %s: %d prompts, %d not routed, %d malformed lines skipped%n",
        summary.get("policy").asText(), summary.get("total").asInt(), summary.get("failed").asInt(),
        summary.get("malformedLines").size());
    out.println("tier shares:    " + shares(summary.get("tierShares")));
    out.println("decided by:     " + shares(summary.get("decidedBy")));
    JsonNode latency = summary.get("latencyMs");
    out.printf(Locale.ROOT, "decision ms:    mean %.3f  p50 %.3f  p99 %.3f  max %.3f%n", latency.get("mean").asDouble(),
        latency.get("p50").asDouble(), latency.get("p99").asDouble(), latency.get("max").asDouble());
    out.printf(Locale.ROOT, "relative cost:  %.3f of sending everything to %s%n",
        summary.get("relativeCost").asDouble(), tiers.get(tiers.size() - 1));
    JsonNode track = summary.get("track");
    if (track != null) {
      out.printf(Locale.ROOT, "calibration Track: %d moves; last window of %d: %s (targets %s)%n",
          track.get("moves").asLong(), track.get("windowSize").asLong(), shares(track.get("lastWindowShares")),
          shares(track.get("targetShares")));
      track.get("thresholds").forEach(p -> out.printf(Locale.ROOT, "  after %6d prompts: thresholds %s%n",
          p.get("prompts").asInt(), p.get("thresholds")));
    }
    if (summary.get("accuracy").isNull()) {
      return;
    }
    out.printf(Locale.ROOT, "labelled:       %d; accuracy %s  under-routed %s  over-routed %s%n",
        summary.get("labelled").asInt(), pct(summary.get("accuracy")), pct(summary.get("underRouted")),
        pct(summary.get("overRouted")));
    out.println("recall:         " + shares(summary.get("recall")));
    out.println("confusion (rows: label, columns: routed " + tiers + "):");
    JsonNode matrix = summary.get("confusion").get("matrix");
    for (int label = 0; label < tiers.size(); label++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-12s", tiers.get(label)));
      matrix.get(label).forEach(c -> row.append(String.format(Locale.ROOT, "%7d", c.asLong())));
      out.println(row);
    }
    JsonNode perSource = summary.get("perSource");
    if (perSource.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%n%-26s %5s %7s %7s %7s %6s  %s%n", "source", "n", "acc", "under", "over", "cost",
        "shares " + String.join("/", tiers));
    perSource.fields().forEachRemaining(e -> {
      JsonNode s = e.getValue();
      StringBuilder split = new StringBuilder();
      s.get("tierShares").forEach(v -> split.append(split.isEmpty() ? "" : "/")
          .append(String.format(Locale.ROOT, "%.0f", 100 * v.asDouble())));
      out.printf(Locale.ROOT, "%-26s %5d %7s %7s %7s %6.3f  %s%n", e.getKey(), s.get("total").asInt(),
          pct(s.get("accuracy")), pct(s.get("underRouted")), pct(s.get("overRouted")),
          s.get("relativeCost").asDouble(), split);
    });
  }

  private static String shares(JsonNode shares) {
    StringBuilder text = new StringBuilder();
    shares.fields().forEachRemaining(e -> text.append(e.getKey()).append(' ').append(pct(e.getValue()))
        .append("  "));
    return text.toString().strip();
  }

  static String pct(JsonNode share) {
    return share == null || share.isNull() ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share.asDouble());
  }
}
