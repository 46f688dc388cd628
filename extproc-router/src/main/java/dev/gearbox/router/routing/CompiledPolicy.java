package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.RoutingPolicySpec.FailureMode;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec.Fallback;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec.Mode;

import java.util.List;

/**
 * An immutable, ready-to-run policy.
 *
 * @param estimator the policy-wide estimator consulted when no rule matched, or null
 * @param history   how much of a conversation's earlier user turns set a floor, or null for none (mode None)
 * @param sessions  the session store when stickiness keeps sessions (mode Session), or null
 */
public record CompiledPolicy(String namespace, String name, RequestMatcher match, int priority,
    List<TierTarget> tiers, int defaultTier, List<CompiledRule> rules, TierEstimator estimator,
    HistoryBudget history, SessionStore sessions, Fallback fallback, FailureMode failureMode, Mode mode,
    boolean logPrompts) {

  /** The earlier user turns scored for the conversation floor: at most {@code turns}, {@code chars} in all. */
  public record HistoryBudget(int turns, int chars) {
  }

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
