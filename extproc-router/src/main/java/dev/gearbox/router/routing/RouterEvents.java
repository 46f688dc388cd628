package dev.gearbox.router.routing;

import dev.gearbox.router.request.TokenUsage;

/**
 * Hooks for metrics and logs, so the routing code stays free of them. Tags passed here come from bounded sets:
 * policy ids, tier names, rule names, outcome reasons; never prompt text.
 */
public interface RouterEvents {
  RouterEvents NONE = new RouterEvents() {
  };

  /** A request was routed (or shadow-routed) by a policy. */
  default void decided(CompiledPolicy policy, Decision decision, long nanos, double estimatedCost) {
  }

  /** Shadow mode decided a tier; {@code disagrees} when it is not the default tier the request goes to. */
  default void shadowed(CompiledPolicy policy, Decision decision, boolean disagrees) {
  }

  /** The chosen tier was not ready and the request went elsewhere. */
  default void fellBack(CompiledPolicy policy, Decision decision) {
  }

  /** A failure mode activated: {@code failure} says with which outcome and reason, and under which policy (or none). */
  default void failed(RouteResult failure) {
  }

  /** A routed request's tier answered and reported the tokens it used. */
  default void used(CompiledPolicy policy, TierTarget tier, TokenUsage usage) {
  }

  /** A routed request's tier answered without usage the router could read; {@code reason} says why (bounded set). */
  default void unmetered(CompiledPolicy policy, TierTarget tier, String reason) {
  }

  /** A request passed through unclassified. */
  default void passedThrough(String reason) {
  }
}
