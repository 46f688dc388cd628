package dev.gearbox.router.replay;

import dev.gearbox.router.replay.ReplayReport.Bucket;
import dev.gearbox.router.replay.ReplayReport.ConfusionMatrix;
import dev.gearbox.router.replay.ReplayReport.Latency;
import dev.gearbox.router.replay.ReplayReport.Metrics;
import dev.gearbox.router.replay.ReplayReport.Misrouted;
import dev.gearbox.router.replay.ReplayReport.RunInfo;
import dev.gearbox.router.replay.ReplayReport.Track;
import dev.gearbox.router.routing.ShareView;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the {@link ReplayReport} of a replay's records, overall and per source; Track, run info and the misrouted
 * prompts go in when given. Pure.
 */
public final class ReplaySummary {
  /** Upper bounds of the latency histogram, ms: a decade in three steps, from a rule's 10 µs to a slow model run. */
  static final double[] LATENCY_BOUNDS_MS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100};
  private static final int PROMPT_CHARS = 300;

  private final String policy;
  private final List<String> tiers;
  private final List<ReplayRecord> records;
  private final List<String> malformed;
  private Track track;
  private RunInfo run;
  private List<Misrouted> misrouted;

  public ReplaySummary(String policy, List<String> tiers, List<ReplayRecord> records, List<String> malformed) {
    this.policy = policy;
    this.tiers = List.copyOf(tiers);
    this.records = List.copyOf(records);
    this.malformed = List.copyOf(malformed);
  }

  public ReplayReport report() {
    Map<String, Double> decidedBy = new TreeMap<>();
    routed(records).stream().collect(Collectors.groupingBy(ReplayRecord::decidedBy, Collectors.counting()))
        .forEach((name, count) -> decidedBy.put(name, share(count, records.size())));
    Map<String, Metrics> perSource = new TreeMap<>();
    records.stream().filter(r -> r.source() != null)
        .collect(Collectors.groupingBy(ReplayRecord::source, Collectors.toList()))
        .forEach((source, group) -> perSource.put(source, metrics(group)));
    return new ReplayReport(policy, tiers, metrics(records), decidedBy, latency(), perSource, malformed, track, run,
        misrouted);
  }

  /**
   * Adds what calibration Track did: the thresholds over the replay and the shares of the last window, read from
   * the policy's tracker after the run. Nothing when the policy does not track.
   */
  public ReplaySummary track(List<Replayer.TrackPoint> points, ShareView shares) {
    if (!points.isEmpty() && shares != null) {
      track = new Track(List.copyOf(points), shares.moves(), shares.windowSize(), byTier(shares.realisedShares()),
          byTier(shares.targetShares()));
    }
    return this;
  }

  /**
   * Adds what the report was made with: when, by which version, the thresholds in force at the end, and how many
   * prompts the estimator was trained on.
   */
  public ReplaySummary runInfo(String version, Instant generated, double[] thresholds, long inSample) {
    run = new RunInfo(version, generated, thresholds, inSample);
    return this;
  }

  /**
   * Adds the labelled prompts routed to another tier than their label, with their text (cut at 300 characters).
   * Only on request: prompts may be sensitive.
   */
  public ReplaySummary misrouted(Map<Integer, String> textByLine) {
    List<Misrouted> wrong = new ArrayList<>();
    for (ReplayRecord r : records) {
      if (r.label() >= 0 && r.routed() >= 0 && r.label() != r.routed()) {
        String text = textByLine.getOrDefault(r.line(), "");
        wrong.add(new Misrouted(r.line(), tiers.get(r.label()), tiers.get(r.routed()), r.decidedBy(),
            text.length() > PROMPT_CHARS ? text.substring(0, PROMPT_CHARS) + "..." : text));
      }
    }
    misrouted = List.copyOf(wrong);
    return this;
  }

  private Latency latency() {
    long[] nanos = routed(records).stream().mapToLong(ReplayRecord::nanos).sorted().toArray();
    Histogram decisions = new Histogram(3); // 3 significant digits, auto-resizing
    for (long n : nanos) {
      decisions.recordValue(Math.max(1, n));
    }
    List<Bucket> histogram = new ArrayList<>();
    int from = 0;
    for (double bound : LATENCY_BOUNDS_MS) {
      int to = from;
      while (to < nanos.length && nanos[to] / 1e6 <= bound) {
        to++;
      }
      histogram.add(new Bucket(bound, to - from));
      from = to;
    }
    histogram.add(new Bucket(Double.POSITIVE_INFINITY, nanos.length - from));
    if (nanos.length == 0) {
      return new Latency(0, 0, 0, 0, histogram);
    }
    return new Latency(decisions.getMean() / 1e6, decisions.getValueAtPercentile(50) / 1e6,
        decisions.getValueAtPercentile(99) / 1e6, decisions.getMaxValue() / 1e6, histogram);
  }

  private Metrics metrics(List<ReplayRecord> group) {
    long[] counts = new long[tiers.size()];
    routed(group).forEach(r -> counts[r.routed()]++);
    double[] shares = new double[tiers.size()];
    for (int t = 0; t < shares.length; t++) {
      shares[t] = share(counts[t], group.size());
    }
    double top = group.stream().mapToDouble(ReplayRecord::topCost).sum();
    double spent = group.stream().mapToDouble(r -> r.routed() < 0 ? r.topCost() : r.cost()).sum();
    double relativeCost = top == 0 ? 0 : spent / top;
    long failed = group.size() - routed(group).size();
    List<ReplayRecord> labelled = routed(group).stream().filter(r -> r.label() >= 0).toList();
    if (labelled.isEmpty()) {
      return new Metrics(group.size(), failed, byTier(shares), relativeCost, 0, null, null, null, null, null);
    }
    Confusion confusion = new Confusion(tiers.size());
    labelled.forEach(r -> confusion.add(r.label(), r.routed()));
    return new Metrics(group.size(), failed, byTier(shares), relativeCost, labelled.size(), confusion.accuracy(),
        confusion.underRouted(), confusion.overRouted(), byTier(confusion.recall()),
        ConfusionMatrix.of(confusion.matrix()));
  }

  /** The values by tier name, in the policy's order; NaN (a label that never occurs) left out. */
  private Map<String, Double> byTier(double[] values) {
    Map<String, Double> byTier = new LinkedHashMap<>();
    for (int t = 0; t < tiers.size(); t++) {
      if (!Double.isNaN(values[t])) {
        byTier.put(tiers.get(t), values[t]);
      }
    }
    return byTier;
  }

  private static List<ReplayRecord> routed(List<ReplayRecord> records) {
    return records.stream().filter(r -> r.routed() >= 0).toList();
  }

  private static double share(long count, long total) {
    return total == 0 ? 0 : (double) count / total;
  }
}
