package dev.gearbox.router.classifier;

import dev.gearbox.router.routing.Estimate;
import dev.gearbox.router.routing.RequestContext;
import dev.gearbox.router.routing.TierEstimator;

/**
 * The policy-wide complexity estimator: scores the last user message and maps the score onto the policy's tiers
 * with its thresholds.
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

  /** The weights behind the score, e.g. to tell whether a prompt was trained on. */
  public ComplexityWeights weights() {
    return signal.weights();
  }

  public double[] thresholds() {
    return thresholds.clone();
  }

  @Override
  public int tier(RequestContext request) {
    return Calibration.tier(score(request).value(), thresholds);
  }

  @Override
  public Estimate estimate(RequestContext request) {
    ComplexityScorer.Score score = score(request);
    return new Estimate(Calibration.tier(score.value(), thresholds), score.value(), score.probabilities(),
        thresholds.clone());
  }
}
