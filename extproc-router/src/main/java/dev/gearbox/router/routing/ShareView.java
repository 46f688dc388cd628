package dev.gearbox.router.routing;

import java.time.Instant;
import java.util.Arrays;

/**
 * What a complexity estimator decided lately: its decisions per tier over the last window, the shares it aims at
 * (if any), the thresholds in force and how often it moved them. Read by metrics, reports and the policy status.
 */
public interface ShareView {
  /** Per tier, fractions adding up to 1, or null when the policy gives thresholds rather than shares. */
  double[] targetShares();

  /** Per tier, the estimator's decisions over the last window. */
  long[] decisions();

  /** When the oldest decision of the window was made, or null before any. */
  Instant windowStart();

  double[] thresholds();

  /** Whether the thresholds move to keep the shares on target (calibration Track). */
  boolean tracks();

  long moves();

  /** Decisions the realised shares are measured over. */
  default long windowSize() {
    return Arrays.stream(decisions()).sum();
  }

  /** Per tier, fractions of the estimator's decisions over the last window (zeros before any). */
  default double[] realisedShares() {
    long[] decisions = decisions();
    long total = Arrays.stream(decisions).sum();
    return Arrays.stream(decisions).mapToDouble(d -> total == 0 ? 0 : (double) d / total).toArray();
  }
}
