package dev.gearbox.router.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * The replay report, overall and per source: the single source of truth the table, the HTML page and
 * {@code replay --json} (this record as Jackson writes it) are made from. Built by {@link ReplaySummary}. Maps keyed
 * by tier keep the policy's tier order.
 *
 * @param overall   all traffic's figures, written at the top level
 * @param track     what calibration Track did; null unless the policy tracks
 * @param run       what the report was made with, written at the top level; null when not given
 * @param misrouted the misrouted labelled prompts with their text; null unless asked for
 */
public record ReplayReport(String policy, List<String> tiers, @JsonUnwrapped Metrics overall,
    Map<String, Double> decidedBy, Latency latencyMs, Map<String, Metrics> perSource, List<String> malformedLines,
    @JsonInclude(NON_NULL) Track track, @JsonUnwrapped RunInfo run, @JsonInclude(NON_NULL) List<Misrouted> misrouted) {

  /**
   * Size, tier shares and cost of some traffic and, over its labelled prompts, quality; the quality figures are null
   * (written as null) when none is labelled, recall holds only the labels that occur.
   */
  public record Metrics(int total, long failed, Map<String, Double> tierShares, double relativeCost, int labelled,
      Double accuracy, Double underRouted, Double overRouted, @JsonInclude(NON_NULL) Map<String, Double> recall,
      ConfusionMatrix confusion) {
  }

  /** Counts by labelled tier (rows) and routed tier (columns). */
  public record ConfusionMatrix(String rows, String columns, long[][] matrix) {
    static ConfusionMatrix of(long[][] matrix) {
      return new ConfusionMatrix("label", "routed", matrix);
    }
  }

  /** Decision latency in ms: HdrHistogram's mean, percentiles and maximum, and counts per bucket. */
  public record Latency(double mean, double p50, double p99, double max, List<Bucket> histogram) {
  }

  /** The decisions above the previous bucket's bound and at most {@code le} ms; the last bound is infinite. */
  public record Bucket(@JsonSerialize(using = UpperBound.class) double le, long count) {
  }

  /** What calibration Track did: thresholds over the replay, and the shares of the last window. */
  public record Track(List<Replayer.TrackPoint> thresholds, long moves, long windowSize,
      Map<String, Double> lastWindowShares, Map<String, Double> targetShares) {
  }

  /**
   * When and by which version the report was made, the thresholds in force at the end (null without an estimator)
   * and how many prompts the estimator was trained on (its accuracy on those is in-sample).
   */
  public record RunInfo(String version, @JsonSerialize(using = ToStringSerializer.class) Instant generated,
      double[] thresholds, long inSample) {
  }

  /** A labelled prompt routed to another tier than its label, with its text cut short. */
  public record Misrouted(int line, String label, String routed, String decidedBy, String prompt) {
  }

  /** A bucket's bound as a number, the infinite one as "+Inf" as in Prometheus. */
  static final class UpperBound extends StdSerializer<Double> {
    UpperBound() {
      super(Double.class);
    }

    @Override
    public void serialize(Double bound, JsonGenerator json, SerializerProvider provider) throws IOException {
      if (bound.isInfinite()) {
        json.writeString("+Inf");
      } else {
        json.writeNumber(bound);
      }
    }
  }
}
