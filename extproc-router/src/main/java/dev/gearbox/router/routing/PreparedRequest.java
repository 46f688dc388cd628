package dev.gearbox.router.routing;

import dev.gearbox.router.request.ParsedBody;

import java.util.Map;

/**
 * A body parsed and its policy chosen, with the decision as far as it got where models may not run: the request's
 * {@link RequestContext} (what its signals computed) and the rule and condition to go on from. A worker finishes it
 * with {@link RequestRouter#complete} without parsing again or re-running a signal. Handed from one thread to one
 * other through an executor, never shared.
 */
public final class PreparedRequest implements InlineAttempt {
  final Map<String, String> headers;
  final byte[] body;
  final ParsedBody parsed;
  final RequestContext context;
  final CompiledPolicy policy;
  final DecisionProgress progress = new DecisionProgress();
  /** Time spent deciding before the hand-off, so the latency reported is the decision's, not the queue's. */
  long spentNanos;

  PreparedRequest(Map<String, String> headers, byte[] body, ParsedBody parsed, RequestContext context,
      CompiledPolicy policy) {
    this.headers = headers;
    this.body = body;
    this.parsed = parsed;
    this.context = context;
    this.policy = policy;
  }
}
