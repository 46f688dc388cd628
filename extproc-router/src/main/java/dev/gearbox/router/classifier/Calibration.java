package dev.gearbox.router.classifier;

import java.util.Arrays;
import java.util.List;

/** Turns target traffic shares into score thresholds, and scores into tiers. Pure. */
public final class Calibration {
  private Calibration() {
  }

  /**
   * Thresholds that split {@code scores} into the given shares: the lowest {@code shares[0]}% go to the first tier,
   * the next {@code shares[1]}% to the second, and so on.
   *
   * @param shares percentages, one per tier, adding up to 100 (decimals allowed: 33.3, 33.3, 33.4)
   */
  public static double[] thresholds(double[] scores, List<? extends Number> shares) {
    requireShares(shares);
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double[] thresholds = new double[shares.size() - 1];
    double cumulative = 0;
    for (int i = 0; i < thresholds.length; i++) {
      cumulative += shares.get(i).doubleValue();
      int below = (int) Math.round(cumulative / 100.0 * sorted.length);
      thresholds[i] = split(sorted, below);
    }
    return thresholds;
  }

  /** Thresholds for target shares from a score curve given at each percentile 0..100. */
  public static double[] fromQuantiles(double[] percentiles, List<Integer> shares) {
    requireShares(shares);
    double[] thresholds = new double[shares.size() - 1];
    int cumulative = 0;
    for (int i = 0; i < thresholds.length; i++) {
      cumulative += shares.get(i);
      thresholds[i] = percentiles[Math.min(100, cumulative)];
    }
    return thresholds;
  }

  /** The score at each percentile 0..100. */
  public static double[] percentiles(double[] scores) {
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double[] curve = new double[101];
    for (int p = 0; p <= 100; p++) {
      curve[p] = sorted.length == 0 ? p / 100.0 : sorted[Math.min(sorted.length - 1, p * sorted.length / 100)];
    }
    return curve;
  }

  /** The tier index of a score: how many thresholds it reaches. */
  public static int tier(double score, double[] thresholds) {
    int tier = 0;
    while (tier < thresholds.length && score >= thresholds[tier]) {
      tier++;
    }
    return tier;
  }

  /** A boundary between sorted[below - 1] and sorted[below], so exactly {@code below} scores fall under it. */
  private static double split(double[] sorted, int below) {
    if (sorted.length == 0) {
      return 0.5;
    }
    if (below <= 0) {
      return sorted[0];
    }
    if (below >= sorted.length) {
      return Math.nextUp(sorted[sorted.length - 1]);
    }
    return (sorted[below - 1] + sorted[below]) / 2;
  }

  private static void requireShares(List<? extends Number> shares) {
    // decimals may not add up to exactly 100 in binary floating point
    if (shares.size() < 2 || Math.abs(shares.stream().mapToDouble(Number::doubleValue).sum() - 100) > 1e-6
        || shares.stream().anyMatch(s -> s.doubleValue() < 0)) {
      throw new IllegalArgumentException("shares must be at least two non-negative percentages adding up to 100, got "
          + shares);
    }
  }
}
