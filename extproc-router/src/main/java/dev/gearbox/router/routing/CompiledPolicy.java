package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.RoutingPolicySpec.FailureMode;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec.Fallback;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec.Mode;

import java.util.List;

/**
 * An immutable, ready-to-run policy.
 *
 * @param estimator the policy-wide estimator consulted when no rule matched, or null
 * @param sessions  the session store when stickiness is configured, or null
 */
public record CompiledPolicy(String namespace, String name, RequestMatcher match, int priority,
    List<TierTarget> tiers, int defaultTier, List<CompiledRule> rules, TierEstimator estimator,
    SessionStore sessions, Fallback fallback, FailureMode failureMode, Mode mode, boolean logPrompts) {

  /** namespace/name, as in metrics and logs. */
  public String id() {
    return namespace + "/" + name;
  }

  public TierTarget defaultTarget() {
    return tiers.get(defaultTier);
  }

  public boolean shadow() {
    return mode == Mode.Shadow;
  }

  public boolean failOpen() {
    return failureMode == FailureMode.FailOpen;
  }
}
