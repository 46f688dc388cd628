package dev.gearbox.router.replay;

import dev.gearbox.router.replay.ReplayReport.Metrics;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link ReplayReport} as a readable table. */
public final class ReplayTable {
  private ReplayTable() {
  }

  public static void print(ReplayReport report, PrintStream out) {
    List<String> tiers = report.tiers();
    Metrics all = report.overall();
    out.printf(Locale.ROOT, "policy %s: %d prompts, %d not routed, %d malformed lines skipped%n",
        report.policy(), all.total(), all.failed(), report.malformedLines().size());
    out.println("tier shares:    " + shares(all.tierShares()));
    out.println("decided by:     " + shares(report.decidedBy()));
    ReplayReport.Latency latency = report.latencyMs();
    out.printf(Locale.ROOT, "decision ms:    mean %.3f  p50 %.3f  p99 %.3f  max %.3f%n", latency.mean(),
        latency.p50(), latency.p99(), latency.max());
    out.printf(Locale.ROOT, "relative cost:  %.3f of sending everything to %s%n", all.relativeCost(),
        tiers.get(tiers.size() - 1));
    ReplayReport.Track track = report.track();
    if (track != null) {
      out.printf(Locale.ROOT, "calibration Track: %d moves; last window of %d: %s (targets %s)%n",
          track.moves(), track.windowSize(), shares(track.lastWindowShares()), shares(track.targetShares()));
      track.thresholds().forEach(p -> out.printf(Locale.ROOT, "  after %6d prompts: thresholds %s%n",
          p.prompts(), numbers(p.thresholds())));
    }
    if (all.accuracy() == null) {
      return;
    }
    out.printf(Locale.ROOT, "labelled:       %d; accuracy %s  under-routed %s  over-routed %s%n",
        all.labelled(), pct(all.accuracy()), pct(all.underRouted()), pct(all.overRouted()));
    out.println("recall:         " + shares(all.recall()));
    out.println("confusion (rows: label, columns: routed " + tiers + "):");
    long[][] matrix = all.confusion().matrix();
    for (int label = 0; label < tiers.size(); label++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-12s", tiers.get(label)));
      Arrays.stream(matrix[label]).forEach(c -> row.append(String.format(Locale.ROOT, "%7d", c)));
      out.println(row);
    }
    if (report.perSource().isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%n%-26s %5s %7s %7s %7s %6s  %s%n", "source", "n", "acc", "under", "over", "cost",
        "shares " + String.join("/", tiers));
    report.perSource().forEach((source, s) -> {
      String split = s.tierShares().values().stream().map(v -> String.format(Locale.ROOT, "%.0f", 100 * v))
          .collect(Collectors.joining("/"));
      out.printf(Locale.ROOT, "%-26s %5d %7s %7s %7s %6.3f  %s%n", source, s.total(), pct(s.accuracy()),
          pct(s.underRouted()), pct(s.overRouted()), s.relativeCost(), split);
    });
  }

  private static String shares(Map<String, Double> shares) {
    return shares.entrySet().stream().map(e -> e.getKey() + " " + pct(e.getValue()))
        .collect(Collectors.joining("  "));
  }

  static String pct(Double share) {
    return share == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  /** Numbers as a JSON array, as {@code --json} writes them. */
  static String numbers(double[] values) {
    return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(",", "[", "]"));
  }
}
