package dev.gearbox.router.routing;

import java.util.Map;

/**
 * What the router tells Envoy about one request.
 *
 * @param setHeaders headers to set on the request (tier, cluster, decision; content-length with a new body)
 * @param body       the rewritten body, or null to leave it untouched
 * @param status     for {@link Kind#REJECT}: the HTTP status of the immediate response
 * @param error      for {@link Kind#REJECT} and failures: what went wrong, for the client and the counters
 * @param reason     a short bounded label of the outcome for metrics (e.g. malformed_json)
 */
public record RouteResult(Kind kind, CompiledPolicy policy, Decision decision, Map<String, String> setHeaders,
    byte[] body, int status, String error, String reason) {

  public enum Kind {
    /** Not an inference request, or no policy governs it and the router is set to let such requests pass. */
    PASS_THROUGH,
    /** Sent to the decided tier: headers set, model rewritten. */
    ROUTE,
    /** Shadow mode: the decision is only announced in x-gearbox-shadow-tier. */
    SHADOW,
    /** FailOpen: sent to the default tier with the body untouched. */
    FAIL_OPEN,
    /** FailClose: answered by Envoy with an error. */
    REJECT
  }

  public static RouteResult passThrough(String reason) {
    return new RouteResult(Kind.PASS_THROUGH, null, null, Map.of(), null, 0, null, reason);
  }
}
