package dev.gearbox.router.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.router.routing.ShareView;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The replay report as one JSON object, overall and per source: the single source of truth the table and the HTML
 * page are rendered from. Pure.
 */
public final class ReplaySummary {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Upper bounds of the latency histogram, ms: a decade in three steps, from a rule's 10 µs to a slow model run. */
  static final double[] LATENCY_BOUNDS_MS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100};
  private static final int PROMPT_CHARS = 300;

  private ReplaySummary() {
  }

  public static ObjectNode of(String policy, List<String> tiers, List<ReplayRecord> records, List<String> malformed) {
    ObjectNode root = JSON.createObjectNode();
    root.put("policy", policy);
    root.set("tiers", JSON.valueToTree(tiers));
    metrics(root, tiers, records);
    ObjectNode decidedBy = root.putObject("decidedBy");
    records.stream().filter(r -> r.routed() >= 0)
        .collect(Collectors.groupingBy(ReplayRecord::decidedBy, TreeMap::new, Collectors.counting()))
        .forEach((name, count) -> decidedBy.put(name, share(count, records.size())));
    ObjectNode latency = root.putObject("latencyMs");
    long[] nanos = records.stream().filter(r -> r.routed() >= 0).mapToLong(ReplayRecord::nanos).sorted().toArray();
    Histogram decisions = new Histogram(3); // 3 significant digits, auto-resizing
    for (long n : nanos) {
      decisions.recordValue(Math.max(1, n));
    }
    boolean none = nanos.length == 0;
    latency.put("mean", none ? 0 : decisions.getMean() / 1e6);
    latency.put("p50", none ? 0 : decisions.getValueAtPercentile(50) / 1e6);
    latency.put("p99", none ? 0 : decisions.getValueAtPercentile(99) / 1e6);
    latency.put("max", none ? 0 : decisions.getMaxValue() / 1e6);
    ArrayNode histogram = latency.putArray("histogram");
    int from = 0;
    for (double bound : LATENCY_BOUNDS_MS) {
      int to = from;
      while (to < nanos.length && nanos[to] / 1e6 <= bound) {
        to++;
      }
      histogram.addObject().put("le", bound).put("count", to - from);
      from = to;
    }
    histogram.addObject().put("le", "+Inf").put("count", nanos.length - from);
    ObjectNode perSource = root.putObject("perSource");
    Map<String, List<ReplayRecord>> bySource = records.stream().filter(r -> r.source() != null)
        .collect(Collectors.groupingBy(ReplayRecord::source, TreeMap::new, Collectors.toList()));
    bySource.forEach((source, group) -> metrics(perSource.putObject(source), tiers, group));
    ArrayNode errors = root.putArray("malformedLines");
    malformed.forEach(errors::add);
    return root;
  }

  /**
   * Adds what calibration Track did: the thresholds over the replay and the shares of the last window, read from
   * the policy's tracker after the run.
   */
  public static void addTrack(ObjectNode summary, List<String> tiers, List<Replayer.TrackPoint> points,
      ShareView shares) {
    if (points.isEmpty() || shares == null) {
      return;
    }
    ObjectNode track = summary.putObject("track");
    ArrayNode over = track.putArray("thresholds");
    points.forEach(p -> over.addObject().put("prompts", p.prompts()).set("thresholds", JSON.valueToTree(p.thresholds())));
    track.put("moves", shares.moves());
    track.put("windowSize", shares.windowSize());
    ObjectNode window = track.putObject("lastWindowShares");
    ObjectNode target = track.putObject("targetShares");
    for (int t = 0; t < tiers.size(); t++) {
      window.put(tiers.get(t), shares.realisedShares()[t]);
      target.put(tiers.get(t), shares.targetShares()[t]);
    }
  }

  /**
   * What the report was made with: when, by which version, the thresholds in force at the end, and how many prompts
   * the estimator was trained on (its accuracy on those is in-sample).
   */
  public static void addRunInfo(ObjectNode summary, String version, Instant generated, double[] thresholds,
      long inSample) {
    summary.put("version", version);
    summary.put("generated", generated.toString());
    summary.set("thresholds", thresholds == null ? null : JSON.valueToTree(thresholds));
    summary.put("inSample", inSample);
  }

  /**
   * The labelled prompts routed to another tier than their label, with their text (cut at 300 characters). Only on
   * request: prompts may be sensitive.
   */
  public static void addMisrouted(ObjectNode summary, List<String> tiers, List<ReplayRecord> records,
      Map<Integer, String> textByLine) {
    ArrayNode misrouted = summary.putArray("misrouted");
    for (ReplayRecord r : records) {
      if (r.label() >= 0 && r.routed() >= 0 && r.label() != r.routed()) {
        String text = textByLine.getOrDefault(r.line(), "");
        misrouted.addObject().put("line", r.line()).put("label", tiers.get(r.label()))
            .put("routed", tiers.get(r.routed())).put("decidedBy", r.decidedBy())
            .put("prompt", text.length() > PROMPT_CHARS ? text.substring(0, PROMPT_CHARS) + "..." : text);
      }
    }
  }

  private static void metrics(ObjectNode node, List<String> tiers, List<ReplayRecord> records) {
    node.put("total", records.size());
    node.put("failed", records.stream().filter(r -> r.routed() < 0).count());
    ObjectNode shares = node.putObject("tierShares");
    for (int t = 0; t < tiers.size(); t++) {
      int tier = t;
      shares.put(tiers.get(t), share(records.stream().filter(r -> r.routed() == tier).count(), records.size()));
    }
    double top = records.stream().mapToDouble(ReplayRecord::topCost).sum();
    double spent = records.stream().mapToDouble(r -> r.routed() < 0 ? r.topCost() : r.cost()).sum();
    node.put("relativeCost", top == 0 ? 0 : spent / top);
    List<ReplayRecord> labelled = records.stream().filter(r -> r.label() >= 0 && r.routed() >= 0).toList();
    node.put("labelled", labelled.size());
    if (labelled.isEmpty()) {
      node.putNull("accuracy");
      node.putNull("underRouted");
      node.putNull("overRouted");
      node.putNull("confusion");
      return;
    }
    Confusion confusion = new Confusion(tiers.size());
    labelled.forEach(r -> confusion.add(r.label(), r.routed()));
    node.put("accuracy", confusion.accuracy());
    node.put("underRouted", confusion.underRouted());
    node.put("overRouted", confusion.overRouted());
    ObjectNode recall = node.putObject("recall");
    double[] perLabel = confusion.recall();
    for (int t = 0; t < tiers.size(); t++) {
      if (!Double.isNaN(perLabel[t])) {
        recall.put(tiers.get(t), perLabel[t]);
      }
    }
    ObjectNode matrix = node.putObject("confusion");
    matrix.put("rows", "label");
    matrix.put("columns", "routed");
    matrix.set("matrix", JSON.valueToTree(confusion.matrix()));
  }

  private static double share(long count, long total) {
    return total == 0 ? 0 : (double) count / total;
  }
}
