package dev.gearbox.router.classifier;

import dev.gearbox.router.routing.ShareView;
import org.apache.datasketches.kll.KllDoublesSketch;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Counts the estimator's decisions per tier over a sliding window, for metrics and the policy's status, and with
 * calibration Track keeps their shares on target as traffic changes. A KLL quantile
 * sketch (Apache DataSketches) of the score over a sliding window says where the thresholds would have to be for
 * the window's shares to match the targets; the thresholds then move towards that, at most {@code maxStep} each and
 * only every {@code moveEvery} decisions, once {@code minSample} decisions were seen. A threshold whose rank is
 * already as close to its target as the window's sampling noise and the sketch's rank error allow stays put, so a
 * stationary stream does not make it wander.
 *
 * <p>The window is two halves: the previous one and the current one, so shares and quantiles always cover between
 * half a window and a whole one, in memory bounded by two sketches. With fixed thresholds only the counts are kept.
 * Thread-safe; {@link #thresholds()} is lock-free.
 */
public final class ShareTracker implements ShareView {
  // Rank error about 0.7% (DataSketches' bound for K = 400) in a few kilobytes per sketch.
  private static final int SKETCH_K = 400;

  /**
   * @param targetShares percent per tier, adding up to 100, or null when the policy gives thresholds
   * @param maxTopShare  percent the top tier may take at most, or null
   * @param track        whether to move the thresholds (calibration Track) or only count (Fixed)
   * @param estimator    what the thresholds mean: the weights and, when fixed, the thresholds themselves; a tracker
   *                     is kept across policy reloads only while this stays the same
   */
  public record Settings(List<Integer> targetShares, Integer maxTopShare, int window, int minSample, int moveEvery,
      double maxStep, boolean track, String estimator) {

    /** Calibration Track on the shipped weights. */
    public Settings(List<Integer> targetShares, Integer maxTopShare, int window, int minSample, int moveEvery,
        double maxStep) {
      this(targetShares, maxTopShare, window, minSample, moveEvery, maxStep, true, "bundled");
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final double[] cumulativeTargets;
  private volatile double[] thresholds;
  private KllDoublesSketch current = KllDoublesSketch.newHeapInstance(SKETCH_K);
  private KllDoublesSketch previous = KllDoublesSketch.newHeapInstance(SKETCH_K);
  private long[] currentCounts;
  private long[] previousCounts;
  private Instant currentStart;
  private Instant previousStart;
  private long observed;
  private long sinceMove;
  private long moves;

  public ShareTracker(Settings settings, double[] startingThresholds) {
    this(settings, startingThresholds, Clock.systemUTC());
  }

  public ShareTracker(Settings settings, double[] startingThresholds, Clock clock) {
    if (settings.track() && settings.targetShares() == null) {
      throw new IllegalArgumentException("calibration Track needs target shares");
    }
    this.settings = settings;
    this.clock = clock;
    int tiers = startingThresholds.length + 1;
    cumulativeTargets = new double[tiers - 1];
    int sum = 0;
    for (int i = 0; i < tiers - 1 && settings.targetShares() != null; i++) {
      sum += settings.targetShares().get(i);
      cumulativeTargets[i] = sum / 100.0;
    }
    thresholds = startingThresholds.clone();
    currentCounts = new long[tiers];
    previousCounts = new long[tiers];
  }

  public Settings settings() {
    return settings;
  }

  /** The tier of a score with the thresholds in force; the decision is observed for the next move. */
  public int decide(double score) {
    int tier = Calibration.tier(score, thresholds);
    observe(score, tier);
    return tier;
  }

  /** Counts a decision made with the thresholds in force towards the window and the next move. */
  synchronized void observe(double score, int tier) {
    if (currentStart == null) {
      currentStart = clock.instant();
    }
    if (settings.track()) {
      current.update(score);
    }
    currentCounts[tier]++;
    observed++;
    sinceMove++;
    if (Arrays.stream(currentCounts).sum() >= settings.window() / 2) {
      previous = current;
      previousCounts = currentCounts;
      previousStart = currentStart;
      current = KllDoublesSketch.newHeapInstance(SKETCH_K);
      currentCounts = new long[currentCounts.length];
      currentStart = null;
    }
    if (settings.track() && observed >= settings.minSample() && sinceMove >= settings.moveEvery()) {
      sinceMove = 0;
      move();
    }
  }

  private void move() {
    KllDoublesSketch window = KllDoublesSketch.newHeapInstance(SKETCH_K);
    window.merge(previous);
    window.merge(current);
    double[] next = thresholds.clone();
    boolean moved = false;
    for (int i = 0; i < next.length; i++) {
      double targetRank = cumulativeTargets[i];
      if (i == next.length - 1 && settings.maxTopShare() != null) {
        targetRank = Math.max(targetRank, 1 - settings.maxTopShare() / 100.0);
      }
      if (Math.abs(window.getRank(next[i]) - targetRank) <= noise(window, targetRank)) {
        continue;
      }
      double wanted = window.getQuantile(Math.min(1, Math.max(0, targetRank)));
      double step = Math.max(-settings.maxStep(), Math.min(settings.maxStep(), wanted - next[i]));
      next[i] += step;
      moved |= step != 0;
    }
    for (int i = 1; i < next.length; i++) {
      next[i] = Math.max(next[i], next[i - 1]); // a step may not reorder the tiers
    }
    if (moved) {
      moves++;
      thresholds = next;
    }
  }

  /** Two standard errors of a share measured over the window, plus the sketch's own rank error. */
  private static double noise(KllDoublesSketch window, double share) {
    return 2 * Math.sqrt(share * (1 - share) / window.getN()) + window.getNormalizedRankError(false);
  }

  @Override
  public double[] thresholds() {
    return thresholds.clone();
  }

  @Override
  public double[] targetShares() {
    return settings.targetShares() == null ? null
        : settings.targetShares().stream().mapToDouble(s -> s / 100.0).toArray();
  }

  @Override
  public boolean tracks() {
    return settings.track();
  }

  @Override
  public synchronized long[] decisions() {
    long[] decisions = new long[currentCounts.length];
    for (int t = 0; t < decisions.length; t++) {
      decisions[t] = currentCounts[t] + previousCounts[t];
    }
    return decisions;
  }

  @Override
  public synchronized Instant windowStart() {
    return previousStart != null ? previousStart : currentStart;
  }

  @Override
  public synchronized long moves() {
    return moves;
  }
}
