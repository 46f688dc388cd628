package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Rule;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec.FailureMode;
import dev.gearbox.router.request.BodyParser;
import dev.gearbox.router.request.MalformedRequestException;
import dev.gearbox.router.request.ModelRewriter;
import dev.gearbox.router.request.ParsedBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The whole decision path, from Envoy's view of a request to the answer: used by the gRPC server, the
 * {@code route} command and replay alike. Never throws: every failure, errors included, becomes a
 * {@link RouteResult} the governing policy's failure mode decides, and is counted.
 */
public final class RequestRouter {
  public static final String TIER_HEADER = "x-gearbox-tier";
  public static final String CLUSTER_HEADER = "x-gearbox-cluster";
  public static final String DECISION_HEADER = "x-gearbox-decision";
  public static final String SHADOW_HEADER = "x-gearbox-shadow-tier";
  private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

  private final Supplier<PolicySnapshot> snapshots;
  private final RouterSettings settings;
  private final RouterEvents events;

  public RequestRouter(Supplier<PolicySnapshot> snapshots, RouterSettings settings, RouterEvents events) {
    this.snapshots = snapshots;
    this.settings = settings;
    this.events = events;
  }

  /**
   * The headers phase: null when the body is needed to decide, otherwise the final answer (pass through, or a
   * failure that the headers already show: wrong content type or encoding, declared body too large).
   */
  public RouteResult onHeaders(Map<String, String> headers) {
    if (!routable(headers)) {
      events.passedThrough("not_routable");
      return RouteResult.passThrough("not_routable");
    }
    String contentType = headers.getOrDefault("content-type", "");
    if (!RequestShape.json(contentType)) {
      return fail(headers, 400, "unsupported_content_type",
          "expected an application/json body, got content-type \"" + Failures.bounded(contentType) + "\"");
    }
    if (!RequestShape.identityEncoding(headers.get("content-encoding"))) {
      return fail(headers, 415, "unsupported_content_encoding",
          "the router reads uncompressed JSON; send the body without content-encoding");
    }
    long declared = RequestShape.declaredLength(headers.get("content-length"));
    if (declared > settings.maxBodyBytes()) {
      return tooLarge(headers, declared);
    }
    return null;
  }

  /**
   * The body phase when the router has no capacity to decide: the governing policy's failure mode answers. With
   * {@code body} (null when it is too large to read here) FailOpen also rewrites the model to the default tier's.
   */
  public RouteResult onOverload(Map<String, String> headers, byte[] body) {
    String message = "the router is at capacity and did not classify the request";
    if (body != null) {
      try {
        ParsedBody parsed = BodyParser.parse(body);
        RequestContext request = new RequestContext(headers, parsed.model(), List.of(), null);
        Optional<CompiledPolicy> governing = snapshots.get().select(request);
        if (governing.isPresent()) {
          return failWith(governing.get(), 503, "overloaded", message, body, parsed);
        }
      } catch (MalformedRequestException e) {
        // unreadable: the policy that governs the host, path and headers answers, body untouched
      }
    }
    return fail(headers, 503, "overloaded", message);
  }

  /** The body phase: the decision. */
  public RouteResult onBody(Map<String, String> headers, byte[] body) {
    return decide(headers, body, true);
  }

  /**
   * The body phase on a thread that must not block: the decision, or null when it needs a model run (an embedding)
   * or a long scan; then {@link #onBody} decides it where that may run. Most decisions need neither (rules, the
   * estimator's lexical head), so they are made here at once.
   */
  public RouteResult onBodyWithoutModels(Map<String, String> headers, byte[] body) {
    return decide(headers, body, false);
  }

  /** Request headers over the router's limit: refused before any of them is kept. */
  public RouteResult onHeadersTooLarge(Map<String, String> headers, int size, int limit) {
    return fail(headers, 431, "headers_too_large",
        "the request headers are " + size + " bytes; this router accepts at most " + limit);
  }

  /** A failure outside the decision (a bug in the stream handling): the policy's failure mode, counted. */
  public RouteResult onInternalError(Map<String, String> headers, Throwable error) {
    Failures.logOnce(LOG, "ext_proc stream failed", error);
    return fail(headers, 500, "internal_error", "the router failed to classify the request");
  }

  private RouteResult decide(Map<String, String> headers, byte[] body, boolean modelRuns) {
    long start = System.nanoTime();
    if (body.length > settings.maxBodyBytes()) {
      return tooLarge(headers, body.length);
    }
    ParsedBody parsed;
    try {
      parsed = BodyParser.parse(body);
    } catch (MalformedRequestException e) {
      return fail(headers, 400, e.reason(), e.getMessage());
    }
    RequestContext request = new RequestContext(headers, parsed.model(), parsed.messages(), parsed.maxOutputTokens());
    if (modelRuns) {
      request.deadline(start + settings.decisionBudget().toNanos());
    } else {
      request.refuseModelRuns();
    }
    Optional<CompiledPolicy> governing = snapshots.get().select(request);
    if (governing.isEmpty()) {
      return parsed.model() == null
          ? fail(headers, 400, "missing_model", "the request body has no \"model\"")
          : unmatched(parsed.model());
    }
    CompiledPolicy policy = governing.get();
    try {
      Decision decision = DecisionEngine.decide(policy, request);
      if (policy.logPrompts()) {
        LOG.info("policy {} sent to {} ({}): {}", policy.id(), decision.tier().name(), decision.explanation(),
            request.lastUserText());
      }
      long nanos = System.nanoTime() - start;
      events.decided(policy, decision, nanos, cost(decision.tier(), request, parsed));
      if (decision.fellBack()) {
        events.fellBack(policy, decision);
      }
      return policy.shadow() ? shadow(policy, decision) : route(policy, decision, body, parsed);
    } catch (ModelRunRefused e) {
      return null;
    } catch (InvalidSessionException e) {
      return failWith(policy, 400, "invalid_session_id", e.getMessage(), body, parsed);
    } catch (NoReadyTierException e) {
      return failWith(policy, 503, "no_ready_tier", e.getMessage(), body, parsed);
    } catch (DecisionTimeout e) {
      return failWith(policy, 503, "decision_timeout", e.getMessage(), body, parsed);
    } catch (Throwable e) { // StackOverflowError included: whatever a signal throws, the failure mode answers
      Failures.logOnce(LOG, "internal error deciding for policy " + policy.id(), e);
      return failWith(policy, 500, "internal_error", "the router failed to classify the request", body, parsed);
    }
  }

  private RouteResult route(CompiledPolicy policy, Decision decision, byte[] body, ParsedBody parsed) {
    byte[] rewritten = ModelRewriter.rewrite(body, parsed, decision.tier().model());
    Map<String, String> headers = tierHeaders(decision.tier(), decision.explanation());
    headers.put("content-length", Integer.toString(rewritten.length));
    return new RouteResult(RouteResult.Kind.ROUTE, policy, decision, headers, rewritten, 0, null, "routed");
  }

  private RouteResult shadow(CompiledPolicy policy, Decision decision) {
    boolean disagrees = !decision.tier().name().equals(policy.defaultTarget().name());
    events.shadowed(policy, decision, disagrees);
    return new RouteResult(RouteResult.Kind.SHADOW, policy, decision,
        Map.of(SHADOW_HEADER, decision.tier().name()), null, 0, null, "shadow");
  }

  private RouteResult tooLarge(Map<String, String> headers, long size) {
    return fail(headers, 400, "body_too_large",
        "the request body is " + size + " bytes; this router reads at most " + settings.maxBodyBytes());
  }

  /** A failure before the policy is known for sure: the policy that governs the host, path and headers decides. */
  private RouteResult fail(Map<String, String> headers, int status, String reason, String message) {
    RequestContext request = new RequestContext(headers, null, List.of(), null);
    Optional<CompiledPolicy> policy = snapshots.get().policies().stream()
        .filter(p -> new RequestMatcher(List.of(), p.match().hosts(), p.match().paths(), p.match().headers())
            .matches(request))
        .findFirst();
    if (policy.isEmpty()) {
      return unmatchedFailure(status, reason, message);
    }
    return failWith(policy.get(), status, reason, message, null, null);
  }

  /** With a readable {@code body}, FailOpen sends it to the default tier with that tier's model, as routing would. */
  private RouteResult failWith(CompiledPolicy policy, int status, String reason, String message, byte[] body,
      ParsedBody parsed) {
    if (policy.failOpen() && !policy.shadow()) {
      events.failed(policy, RouteResult.Kind.FAIL_OPEN, reason);
      TierTarget fallback = policy.defaultTarget();
      Map<String, String> headers = tierHeaders(fallback, "failopen:" + reason);
      byte[] rewritten = null;
      if (parsed != null) {
        rewritten = ModelRewriter.rewrite(body, parsed, fallback.model());
        headers.put("content-length", Integer.toString(rewritten.length));
      }
      return new RouteResult(RouteResult.Kind.FAIL_OPEN, policy, null, headers, rewritten, 0, message, reason);
    }
    if (policy.shadow()) {
      events.failed(policy, RouteResult.Kind.PASS_THROUGH, reason); // shadow never changes a request
      return RouteResult.passThrough(reason);
    }
    events.failed(policy, RouteResult.Kind.REJECT, reason);
    return new RouteResult(RouteResult.Kind.REJECT, policy, null, Map.of(), null, status, message, reason);
  }

  private RouteResult unmatched(String model) {
    return unmatchedFailure(400, "no_policy", "no RoutingPolicy governs model \"" + Failures.bounded(model) + "\"");
  }

  private RouteResult unmatchedFailure(int status, String reason, String message) {
    if (settings.unmatched() == FailureMode.FailOpen) {
      events.failed(null, RouteResult.Kind.PASS_THROUGH, reason);
      return RouteResult.passThrough(reason);
    }
    events.failed(null, RouteResult.Kind.REJECT, reason);
    return new RouteResult(RouteResult.Kind.REJECT, null, null, Map.of(), null, status, message, reason);
  }

  private static Map<String, String> tierHeaders(TierTarget tier, String decision) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(TIER_HEADER, tier.name());
    headers.put(CLUSTER_HEADER, tier.cluster());
    headers.put(DECISION_HEADER, decision);
    return headers;
  }

  private boolean routable(Map<String, String> headers) {
    return "POST".equals(headers.get(":method"))
        && settings.routablePaths().contains(RequestShape.normalisedPath(headers.getOrDefault(":path", "")));
  }

  /** Expected output: the request's max tokens when given, else as many tokens as the prompt (documented). */
  private static double cost(TierTarget tier, RequestContext request, ParsedBody parsed) {
    int input = request.estimatedTokens(Rule.Scope.Conversation);
    int output = parsed.maxOutputTokens() != null ? parsed.maxOutputTokens() : input;
    return tier.estimatedCost(input, output);
  }
}
