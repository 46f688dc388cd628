package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Rule;
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

  private static final String OVERLOADED = "the router is at capacity and did not classify the request";

  private final Supplier<PolicySnapshot> snapshots;
  private final RouterSettings settings;
  private final RouterEvents events;
  private final FailureAnswers failures;

  public RequestRouter(Supplier<PolicySnapshot> snapshots, RouterSettings settings, RouterEvents events) {
    this.snapshots = snapshots;
    this.settings = settings;
    this.events = events;
    this.failures = new FailureAnswers(snapshots, settings, events);
  }

  /** Where what happens to requests is reported, for what the server sees after the decision (responses). */
  public RouterEvents events() {
    return events;
  }

  public RouterSettings settings() {
    return settings;
  }

  /**
   * The headers phase: empty when the body is needed to decide, otherwise the final answer (pass through, or a
   * failure that the headers already show: wrong content type or encoding, declared body too large).
   */
  public Optional<RouteResult> onHeaders(Map<String, String> headers) {
    if (!routable(headers)) {
      events.passedThrough("not_routable");
      return Optional.of(new RouteResult.PassedThrough(null, "not_routable"));
    }
    String contentType = headers.getOrDefault("content-type", "");
    if (!RequestShape.json(contentType)) {
      return Optional.of(failures.beforePolicy(headers, 400, "unsupported_content_type",
          "expected an application/json body, got content-type \"" + Failures.bounded(contentType) + "\""));
    }
    if (!RequestShape.identityEncoding(headers.get("content-encoding"))) {
      return Optional.of(failures.beforePolicy(headers, 415, "unsupported_content_encoding",
          "the router reads uncompressed JSON; send the body without content-encoding"));
    }
    long declared = RequestShape.declaredLength(headers.get("content-length"));
    if (declared > settings.maxBodyBytes()) {
      return Optional.of(failures.tooLarge(headers, declared));
    }
    return Optional.empty();
  }

  /**
   * The body phase when the router has no capacity to decide: the governing policy's failure mode answers. With
   * {@code body} (null when it is too large to read here) FailOpen also rewrites the model to the default tier's.
   */
  public RouteResult onOverload(Map<String, String> headers, byte[] body) {
    if (body != null) {
      try {
        ParsedBody parsed = BodyParser.parse(body);
        RequestContext request = new RequestContext(headers, parsed.model(), List.of(), null);
        Optional<CompiledPolicy> governing = snapshots.get().select(request);
        if (governing.isPresent()) {
          return overloaded(governing.get(), body, parsed);
        }
      } catch (MalformedRequestException e) {
        // unreadable: the policy that governs the host, path and headers answers, body untouched
      }
    }
    return failures.beforePolicy(headers, 503, "overloaded", OVERLOADED);
  }

  /** A prepared request the workers have no room for: its policy's failure mode, from what was parsed already. */
  public RouteResult onOverload(PreparedRequest request) {
    return overloaded(request.policy, request.body, request.parsed);
  }

  /** The body phase: the decision, made here whatever it needs. */
  public RouteResult onBody(Map<String, String> headers, byte[] body) {
    long start = System.nanoTime();
    InlineAttempt prepared = prepare(headers, body);
    return prepared instanceof PreparedRequest request ? complete(request, start) : (RouteResult) prepared;
  }

  /**
   * The body phase on a thread that must not block: the answer, or, when the decision needs a model run (an
   * embedding), a long scan or a shared session store, the request prepared for {@link #complete} on a worker. Most
   * decisions need none of these (rules, the estimator's lexical head), so they are made here at once.
   */
  public InlineAttempt onBodyInline(Map<String, String> headers, byte[] body) {
    long start = System.nanoTime();
    InlineAttempt prepared = prepare(headers, body);
    if (prepared instanceof PreparedRequest request) {
      request.context.inline();
      try {
        return decide(request, start);
      } catch (ModelRunRefused e) {
        request.spentNanos = System.nanoTime() - start;
        return request;
      }
    }
    return prepared;
  }

  /** Finishes a request {@link #onBodyInline} prepared, where models may run: from where it stopped. */
  public RouteResult complete(PreparedRequest request) {
    return complete(request, System.nanoTime());
  }

  /** Request headers over the router's limit: refused before any of them is kept. */
  public RouteResult onHeadersTooLarge(Map<String, String> headers, int size, int limit) {
    return failures.beforePolicy(headers, 431, "headers_too_large",
        "the request headers are " + size + " bytes; this router accepts at most " + limit);
  }

  /** A failure outside the decision (a bug in the stream handling): the policy's failure mode, counted. */
  public RouteResult onInternalError(Map<String, String> headers, Throwable error) {
    Failures.logOnce(LOG, "ext_proc stream failed", error);
    return failures.beforePolicy(headers, 500, "internal_error", "the router failed to classify the request");
  }

  /** The body parsed and its policy chosen, or the answer when either fails. Parsed once per request, here. */
  private InlineAttempt prepare(Map<String, String> headers, byte[] body) {
    if (body.length > settings.maxBodyBytes()) {
      return failures.tooLarge(headers, body.length);
    }
    ParsedBody parsed;
    try {
      parsed = BodyParser.parse(body);
    } catch (MalformedRequestException e) {
      return failures.beforePolicy(headers, 400, e.reason(), e.getMessage());
    }
    RequestContext request = new RequestContext(headers, parsed.model(), parsed.messages(), parsed.maxOutputTokens());
    Optional<CompiledPolicy> governing = snapshots.get().select(request);
    if (governing.isEmpty()) {
      return parsed.model() == null
          ? failures.beforePolicy(headers, 400, "missing_model", "the request body has no \"model\"")
          : failures.noPolicyFor(parsed.model());
    }
    return new PreparedRequest(headers, body, parsed, request, governing.get());
  }

  /** @param start when this pass over the request began: the decision budget counts from there */
  private RouteResult complete(PreparedRequest request, long start) {
    request.context.onWorker(start + settings.decisionBudget().toNanos());
    return decide(request, start); // no ModelRunRefused: models may run here
  }

  /** @throws ModelRunRefused when a signal may not run where the request is being decided */
  private RouteResult decide(PreparedRequest request, long start) {
    CompiledPolicy policy = request.policy;
    try {
      Decision decision = DecisionEngine.decide(policy, request.context, request.progress);
      if (policy.logPrompts()) {
        LOG.info("policy {} sent to {} ({}): {}", policy.id(), decision.tier().name(), decision.explanation(),
            request.context.lastUserText());
      }
      long nanos = request.spentNanos + System.nanoTime() - start;
      events.decided(policy, decision, nanos, cost(decision.tier(), request.context, request.parsed));
      if (decision.fellBack()) {
        events.fellBack(policy, decision);
      }
      return policy.shadow() ? shadow(policy, decision) : route(policy, decision, request.body, request.parsed);
    } catch (ModelRunRefused e) {
      throw e;
    } catch (InvalidSessionException e) {
      return failed(request, 400, "invalid_session_id", e.getMessage());
    } catch (NoReadyTierException e) {
      return failed(request, 503, "no_ready_tier", e.getMessage());
    } catch (DecisionTimeout e) {
      return failed(request, 503, "decision_timeout", e.getMessage());
    } catch (Throwable e) { // StackOverflowError included: whatever a signal throws, the failure mode answers
      Failures.logOnce(LOG, "internal error deciding for policy " + policy.id(), e);
      return failed(request, 500, "internal_error", "the router failed to classify the request");
    }
  }

  private RouteResult failed(PreparedRequest request, int status, String reason, String message) {
    return failures.of(request.policy, status, reason, message, request.body, request.parsed);
  }

  private RouteResult overloaded(CompiledPolicy policy, byte[] body, ParsedBody parsed) {
    return failures.of(policy, 503, "overloaded", OVERLOADED, body, parsed);
  }

  private RouteResult route(CompiledPolicy policy, Decision decision, byte[] body, ParsedBody parsed) {
    byte[] rewritten = ModelRewriter.rewrite(body, parsed, decision.tier().model());
    Map<String, String> headers = tierHeaders(decision.tier(), decision.explanation());
    headers.put("content-length", Integer.toString(rewritten.length));
    return new RouteResult.Routed(policy, decision, headers, rewritten);
  }

  private RouteResult shadow(CompiledPolicy policy, Decision decision) {
    boolean disagrees = !decision.tier().name().equals(policy.defaultTarget().name());
    events.shadowed(policy, decision, disagrees);
    return new RouteResult.Shadowed(policy, decision);
  }

  static Map<String, String> tierHeaders(TierTarget tier, String decision) {
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
    return tier.price(input, output);
  }
}
