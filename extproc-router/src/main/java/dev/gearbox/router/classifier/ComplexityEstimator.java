package dev.gearbox.router.classifier;

import dev.gearbox.router.routing.RequestContext;
import dev.gearbox.router.routing.TierEstimator;

/**
 * The policy-wide complexity estimator: scores the last user message and maps the score onto the policy's tiers
 * with its thresholds. Names the stage that decided ({@code complexity:lexical} or {@code complexity:embedding}) so
 * the router's metrics count how often the embedding was needed.
 */
public final class ComplexityEstimator implements TierEstimator {
  private final ComplexitySignal signal;
  private final double[] thresholds;

  ComplexityEstimator(ComplexitySignal signal, double[] thresholds) {
    this.signal = signal;
    this.thresholds = thresholds.clone();
  }

  public ComplexityScorer.Score score(RequestContext request) {
    return signal.score(request);
  }

  public double[] thresholds() {
    return thresholds.clone();
  }

  @Override
  public int tier(RequestContext request) {
    return Calibration.tier(score(request).value(), thresholds);
  }

  @Override
  public String name(RequestContext request) {
    return score(request).stage().decidedBy();
  }
}
