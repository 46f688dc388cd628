package dev.gearbox.router.classifier;

import dev.gearbox.router.routing.Estimate;
import dev.gearbox.router.routing.RequestContext;
import dev.gearbox.router.routing.ShareView;
import dev.gearbox.router.routing.TierEstimator;

import java.util.List;

/**
 * The policy-wide complexity estimator: scores the last user message and maps the score onto the policy's tiers
 * with the thresholds its {@link ShareTracker} holds (fixed, or moving with calibration Track), which counts every
 * decision.
 */
public final class ComplexityEstimator implements TierEstimator {
  private final ComplexitySignal signal;
  private final ShareTracker tracker;

  ComplexityEstimator(ComplexitySignal signal, ShareTracker tracker) {
    this.signal = signal;
    this.tracker = tracker;
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
    return tracker.thresholds();
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
    tracker.observe(score.value(), tier);
    return new Estimate(tier, score.value(), score.probabilities(), inForce);
  }

  @Override
  public int highestTier(List<String> texts) {
    double[] inForce = thresholds();
    int highest = 0;
    for (int i = 0; i < texts.size() && highest < inForce.length; i++) {
      highest = Math.max(highest, Calibration.tier(signal.score(texts.get(i)).value(), inForce));
    }
    return highest;
  }

  @Override
  public ShareView shares() {
    return tracker;
  }
}
