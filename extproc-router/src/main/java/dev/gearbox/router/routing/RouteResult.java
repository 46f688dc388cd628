package dev.gearbox.router.routing;

import java.util.Map;

/**
 * What the router tells Envoy about one request: one of five outcomes, each carrying only what it needs. Java 17 has
 * no pattern switch, so {@link #match} is the exhaustive switch: a {@link Cases} must answer every outcome, and a
 * sixth one would not compile until every caller handles it.
 */
public sealed interface RouteResult extends InlineAttempt permits RouteResult.Routed, RouteResult.Shadowed,
    RouteResult.FailedOpen, RouteResult.Rejected, RouteResult.PassedThrough {

  /** The policy that governed the request, or null when none did. */
  CompiledPolicy policy();

  /** A short bounded label of the outcome for metrics (e.g. routed, malformed_json). */
  String reason();

  /** A bounded name of the outcome itself, for metrics and the CLI: route, shadow, fail_open, reject, pass_through. */
  String outcome();

  /** Headers to set on the request (tier, cluster, decision; content-length with a new body). */
  default Map<String, String> setHeaders() {
    return Map.of();
  }

  /** The tier the signals picked and why, or null when no decision was made. */
  default Decision decision() {
    return null;
  }

  /** The tier Envoy sends the request to and whose response is metered, or null when the router did not choose one. */
  default TierTarget servedBy() {
    return null;
  }

  <T> T match(Cases<T> cases);

  /** One answer per outcome. */
  interface Cases<T> {
    T routed(Routed routed);

    T shadowed(Shadowed shadowed);

    T failedOpen(FailedOpen failedOpen);

    T rejected(Rejected rejected);

    T passedThrough(PassedThrough passedThrough);
  }

  /** Sent to the decided tier: headers set, model rewritten in {@code body}. */
  record Routed(CompiledPolicy policy, Decision decision, Map<String, String> setHeaders, byte[] body)
      implements RouteResult {
    @Override
    public TierTarget servedBy() {
      return decision.tier();
    }

    @Override
    public String reason() {
      return "routed";
    }

    @Override
    public String outcome() {
      return "route";
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.routed(this);
    }
  }

  /** Shadow mode: the decision is only announced in x-gearbox-shadow-tier. */
  record Shadowed(CompiledPolicy policy, Decision decision) implements RouteResult {
    @Override
    public Map<String, String> setHeaders() {
      return Map.of(RequestRouter.SHADOW_HEADER, decision.tier().name());
    }

    @Override
    public String reason() {
      return "shadow";
    }

    @Override
    public String outcome() {
      return "shadow";
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.shadowed(this);
    }
  }

  /**
   * FailOpen: sent to the default tier.
   *
   * @param body  the body with the default tier's model, or null (unread or unreadable) to leave it untouched
   * @param error what went wrong, for the logs and the CLI
   */
  record FailedOpen(CompiledPolicy policy, Map<String, String> setHeaders, byte[] body, String error, String reason)
      implements RouteResult {
    @Override
    public TierTarget servedBy() {
      return policy.defaultTarget();
    }

    @Override
    public String outcome() {
      return "fail_open";
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.failedOpen(this);
    }
  }

  /**
   * FailClose: answered by Envoy with an error.
   *
   * @param policy null when no policy governs the request and the router is set to refuse such requests
   * @param status the HTTP status of the immediate response
   * @param error  what went wrong, for the client
   */
  record Rejected(CompiledPolicy policy, int status, String error, String reason) implements RouteResult {
    @Override
    public String outcome() {
      return "reject";
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.rejected(this);
    }
  }

  /**
   * Not an inference request, no policy governs it and the router lets such requests pass, or a shadow policy
   * failed (shadow never changes a request).
   *
   * @param policy the shadow policy that failed, else null
   */
  record PassedThrough(CompiledPolicy policy, String reason) implements RouteResult {
    @Override
    public String outcome() {
      return "pass_through";
    }

    @Override
    public <T> T match(Cases<T> cases) {
      return cases.passedThrough(this);
    }
  }
}
