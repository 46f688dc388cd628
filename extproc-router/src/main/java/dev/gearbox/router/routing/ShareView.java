package dev.gearbox.router.routing;

/**
 * What an estimator that keeps tier shares on target has seen: the shares it aims at, the shares of its decisions
 * over the last window, the thresholds in force and how often it moved them. Read by metrics and reports.
 */
public interface ShareView {
  /** Per tier, fractions adding up to 1. */
  double[] targetShares();

  /** Per tier, fractions of the estimator's decisions over the last window (zeros before any). */
  double[] realisedShares();

  /** Decisions the realised shares are measured over. */
  long windowSize();

  double[] thresholds();

  long moves();
}
