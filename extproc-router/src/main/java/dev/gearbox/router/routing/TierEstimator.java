package dev.gearbox.router.routing;

import java.util.List;

/** A policy-wide signal that picks a tier when no rule matched, e.g. the complexity estimator. */
public interface TierEstimator {
  /** Index into the policy's ordered tiers. */
  int tier(RequestContext request);

  /** The tier with the evidence behind it; an estimator with a score says more. */
  default Estimate estimate(RequestContext request) {
    return Estimate.ofTier(tier(request));
  }

  /**
   * The highest tier any of {@code texts} (a conversation's earlier user turns) earns on its own, with the
   * thresholds in force; they are not counted as decisions. 0 when none or when the estimator cannot tell.
   */
  default int highestTier(List<String> texts) {
    return 0;
  }

  /** What it decided lately, or null when it has no thresholds to count against. */
  default ShareView shares() {
    return null;
  }

  /** Name reported in x-gearbox-decision and metrics when this estimator decided. */
  default String name() {
    return "complexity";
  }
}
