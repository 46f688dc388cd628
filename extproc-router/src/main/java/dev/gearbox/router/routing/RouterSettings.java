package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.RoutingPolicySpec.FailureMode;

import java.time.Duration;
import java.util.Set;

/**
 * Router-wide settings, built once at start-up.
 *
 * @param maxBodyBytes   larger bodies are not parsed; the policy's failure mode decides what happens
 * @param routablePaths  POST requests to these paths (query ignored, path normalised) are classified; others pass
 *                       through
 * @param unmatched      what to do with a routable request no policy governs: FailOpen lets it pass untouched,
 *                       FailClose answers 400
 * @param decisionBudget how long a decision on the workers may scan text (long regex scans) before the policy's
 *                       failure mode answers instead (reason decision_timeout); below Envoy's message_timeout
 */
public record RouterSettings(int maxBodyBytes, Set<String> routablePaths, FailureMode unmatched,
    Duration decisionBudget) {
  public static final Set<String> OPENAI_PATHS = Set.of("/v1/chat/completions", "/v1/completions", "/v1/responses");
  public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
  public static final long DEFAULT_DECISION_BUDGET_MS = 200;
  public static final Duration DEFAULT_DECISION_BUDGET = Duration.ofMillis(DEFAULT_DECISION_BUDGET_MS);

  public RouterSettings(int maxBodyBytes, Set<String> routablePaths, FailureMode unmatched) {
    this(maxBodyBytes, routablePaths, unmatched, DEFAULT_DECISION_BUDGET);
  }

  public static RouterSettings defaults() {
    return new RouterSettings(DEFAULT_MAX_BODY_BYTES, OPENAI_PATHS, FailureMode.FailOpen);
  }
}
