package dev.gearbox.router.classifier;

import dev.gearbox.router.routing.Estimate;
import dev.gearbox.router.routing.RequestContext;
import dev.gearbox.router.routing.ShareView;
import dev.gearbox.router.routing.TierEstimator;

/**
 * The policy-wide complexity estimator: scores the last user message and maps the score onto the policy's tiers
 * with fixed thresholds, or with the thresholds a {@link ShareTracker} keeps moving (calibration Track).
 */
public final class ComplexityEstimator implements TierEstimator {
  private final ComplexitySignal signal;
  private final double[] fixed;
  private final ShareTracker tracker;

  private ComplexityEstimator(ComplexitySignal signal, double[] fixed, ShareTracker tracker) {
    this.signal = signal;
    this.fixed = fixed;
    this.tracker = tracker;
  }

  static ComplexityEstimator fixed(ComplexitySignal signal, double[] thresholds) {
    return new ComplexityEstimator(signal, thresholds.clone(), null);
  }

  static ComplexityEstimator tracking(ComplexitySignal signal, ShareTracker tracker) {
    return new ComplexityEstimator(signal, null, tracker);
  }

  public ComplexityScorer.Score score(RequestContext request) {
    return signal.score(request);
  }

  /** The weights behind the score, e.g. to tell whether a prompt was trained on. */
  public ComplexityWeights weights() {
    return signal.weights();
  }

  /** The thresholds in force now. */
  public double[] thresholds() {
    return tracker == null ? fixed.clone() : tracker.thresholds();
  }

  @Override
  public int tier(RequestContext request) {
    return estimate(request).tier();
  }

  @Override
  public Estimate estimate(RequestContext request) {
    ComplexityScorer.Score score = score(request);
    // One read of the thresholds, so the explanation names the ones this decision used.
    double[] inForce = thresholds();
    int tier = Calibration.tier(score.value(), inForce);
    if (tracker != null) {
      tracker.observe(score.value(), tier);
    }
    return new Estimate(tier, score.value(), score.probabilities(), inForce);
  }

  @Override
  public ShareView shares() {
    return tracker;
  }
}
