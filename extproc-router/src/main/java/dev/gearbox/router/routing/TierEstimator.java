package dev.gearbox.router.routing;

/** A policy-wide signal that picks a tier when no rule matched, e.g. the complexity estimator. */
public interface TierEstimator {
  /** Index into the policy's ordered tiers. */
  int tier(RequestContext request);

  /** Name reported in x-gearbox-decision and metrics when this estimator decided. */
  default String name() {
    return "complexity";
  }

  /** The name for one decision, after {@link #tier}: an estimator with stages names the one that decided. */
  default String name(RequestContext request) {
    return name();
  }
}
