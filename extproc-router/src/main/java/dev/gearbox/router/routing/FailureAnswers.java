package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.RoutingPolicySpec.FailureMode;
import dev.gearbox.router.request.ModelRewriter;
import dev.gearbox.router.request.ParsedBody;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** What a failure comes to under the governing policy's failure mode (or the router's, when none governs), counted. */
final class FailureAnswers {
  private final Supplier<PolicySnapshot> snapshots;
  private final RouterSettings settings;
  private final RouterEvents events;

  FailureAnswers(Supplier<PolicySnapshot> snapshots, RouterSettings settings, RouterEvents events) {
    this.snapshots = snapshots;
    this.settings = settings;
    this.events = events;
  }

  RouteResult tooLarge(Map<String, String> headers, long size) {
    return beforePolicy(headers, 400, "body_too_large",
        "the request body is " + size + " bytes; this router reads at most " + settings.maxBodyBytes());
  }

  /** A failure before the policy is known for sure: the policy that governs the host, path and headers decides. */
  RouteResult beforePolicy(Map<String, String> headers, int status, String reason, String message) {
    RequestContext request = new RequestContext(headers, null, List.of(), null);
    Optional<CompiledPolicy> policy = snapshots.get().policies().stream()
        .filter(p -> new RequestMatcher(List.of(), p.match().hosts(), p.match().paths(), p.match().headers())
            .matches(request))
        .findFirst();
    if (policy.isEmpty()) {
      return unmatched(status, reason, message);
    }
    return of(policy.get(), status, reason, message, null, null);
  }

  /** With a readable {@code body}, FailOpen sends it to the default tier with that tier's model, as routing would. */
  RouteResult of(CompiledPolicy policy, int status, String reason, String message, byte[] body, ParsedBody parsed) {
    if (policy.failOpen() && !policy.shadow()) {
      TierTarget fallback = policy.defaultTarget();
      Map<String, String> headers = RequestRouter.tierHeaders(fallback, "failopen:" + reason);
      byte[] rewritten = null;
      if (parsed != null) {
        rewritten = ModelRewriter.rewrite(body, parsed, fallback.model());
        headers.put("content-length", Integer.toString(rewritten.length));
      }
      return counted(new RouteResult.FailedOpen(policy, headers, rewritten, message, reason));
    }
    if (policy.shadow()) {
      return counted(new RouteResult.PassedThrough(policy, reason)); // shadow never changes a request
    }
    return counted(new RouteResult.Rejected(policy, status, message, reason));
  }

  RouteResult noPolicyFor(String model) {
    return unmatched(400, "no_policy", "no RoutingPolicy governs model \"" + Failures.bounded(model) + "\"");
  }

  private RouteResult unmatched(int status, String reason, String message) {
    if (settings.unmatched() == FailureMode.FailOpen) {
      return counted(new RouteResult.PassedThrough(null, reason));
    }
    return counted(new RouteResult.Rejected(null, status, message, reason));
  }

  private RouteResult counted(RouteResult failure) {
    events.failed(failure);
    return failure;
  }
}
