package dev.gearbox.router.server;

import dev.gearbox.router.routing.InlineAttempt;
import dev.gearbox.router.routing.PreparedRequest;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request's phases as Envoy sends them: the router's answer to each, and what the request needs remembered
 * between them (the headers until the body arrives, the decision until the response, whose usage is metered).
 * Which thread answers is {@link ProcessingStream}'s concern; it calls this one callback at a time. Whatever is
 * thrown while answering, the request gets its policy's failure mode (its response goes on unchanged), never a reset.
 */
final class RequestPhases {
  private static final Logger LOG = LoggerFactory.getLogger(RequestPhases.class);
  private final RequestRouter router;
  private final ByteBudget.Account held;
  private final int maxHeaderBytes;
  private Map<String, String> headers = Map.of();
  private int headerCharge;
  private boolean bodyExpected;
  private Map<String, String> echo = Map.of();
  private final ResponseMeter meter;

  RequestPhases(RequestRouter router, ByteBudget.Account held, int maxHeaderBytes) {
    this.router = router;
    this.held = held;
    this.maxHeaderBytes = maxHeaderBytes;
    this.meter = new ResponseMeter(router.events(), router.settings().maxBodyBytes());
  }

  /**
   * The body of a request still to be decided. In BUFFERED mode Envoy sends the whole body in one message, with
   * end_of_stream false when trailers follow: that message is decided too.
   */
  boolean bodyToDecide(ProcessingRequest request) {
    return request.hasRequestBody() && bodyExpected;
  }

  /** The answer to any message, decided here whatever that needs; null for an empty message. */
  ProcessingResponse answer(ProcessingRequest request) {
    try {
      return switch (request.getRequestCase()) {
        case REQUEST_HEADERS -> requestHeaders(request);
        case REQUEST_BODY -> bodyToDecide(request)
            ? decided(router.onBody(headers, request.getRequestBody().getBody().toByteArray()))
            : EnvoyMessages.continueUnchanged(request); // Envoy sent a body it was told to skip
        case RESPONSE_HEADERS -> EnvoyMessages.onResponseHeaders(echo, meter.onHeaders(
            EnvoyMessages.headers(request.getResponseHeaders()), request.getResponseHeaders().getEndOfStream()));
        case RESPONSE_BODY -> {
          meter.onBody(request.getResponseBody().getBody());
          yield EnvoyMessages.continueUnchanged(request);
        }
        default -> EnvoyMessages.continueUnchanged(request);
      };
    } catch (Throwable e) { // StackOverflowError included: the request gets an answer, the thread lives on
      return failedAnswer(e, request);
    }
  }

  /** The body to decide, decided on a thread that must not block: the answer, or the request prepared for a worker. */
  InlineAttempt inline(ProcessingRequest body) {
    try {
      return router.onBodyInline(headers, body.getRequestBody().getBody().toByteArray());
    } catch (Throwable e) {
      return router.onInternalError(headers, e);
    }
  }

  /** The answer to a body {@link #inline} prepared, decided where models may run. */
  ProcessingResponse complete(PreparedRequest prepared) {
    RouteResult result;
    try {
      result = router.complete(prepared);
    } catch (Throwable e) {
      result = router.onInternalError(headers, e);
    }
    return decided(result);
  }

  /** No room to decide: the body (or the headers, when even they do not fit) gets the policy's overload answer. */
  ProcessingResponse overloaded(ProcessingRequest request) {
    if (!bodyToDecide(request)) {
      return answer(request);
    }
    byte[] body = request.getRequestBody().getBody().size() <= ProcessingStream.INLINE_MAX_BYTES
        ? request.getRequestBody().getBody().toByteArray() : null;
    return decided(router.onOverload(headers, body));
  }

  /** No room to finish a prepared body: the policy's overload answer, from what was parsed already. */
  ProcessingResponse overloaded(PreparedRequest prepared) {
    return decided(router.onOverload(prepared));
  }

  /** The body's answer; the held headers are no longer needed. */
  ProcessingResponse decided(RouteResult result) {
    bodyExpected = false;
    headers = Map.of();
    held.refund(headerCharge);
    headerCharge = 0;
    remember(result);
    return EnvoyMessages.onRequestBody(result);
  }

  /** The stream ended: what the response meter still waits for is counted. */
  void ended() {
    meter.ended();
  }

  /**
   * A failure outside the decision: the policy's failure mode for a body or headers, counted; a failure in a response
   * phase is logged and the answer goes on unchanged (its request was decided and counted already).
   */
  private ProcessingResponse failedAnswer(Throwable e, ProcessingRequest request) {
    if (request.hasResponseHeaders() || request.hasResponseBody() || request.hasResponseTrailers()) {
      LOG.error("internal error reading a response: {}", e.toString());
      return EnvoyMessages.continueUnchanged(request);
    }
    RouteResult failure = router.onInternalError(headers, e);
    if (bodyToDecide(request)) {
      return decided(failure);
    }
    if (request.hasRequestHeaders()) {
      bodyExpected = false;
      return EnvoyMessages.onRequestHeaders(failure, List.of());
    }
    return EnvoyMessages.continueUnchanged(request);
  }

  private ProcessingResponse requestHeaders(ProcessingRequest request) {
    headers = EnvoyMessages.headers(request.getRequestHeaders());
    int size = request.getRequestHeaders().getSerializedSize();
    RouteResult early = size > maxHeaderBytes ? router.onHeadersTooLarge(headers, size, maxHeaderBytes)
        : router.onHeaders(headers).orElse(null); // null: the body is needed
    if (early == null && request.getRequestHeaders().getEndOfStream()) {
      early = router.onBody(headers, new byte[0]); // a POST without a body: no body message will come
    }
    if (early == null && !held.tryCharge(size)) {
      early = router.onOverload(headers, null); // these headers cannot wait for their body within the budget
    }
    List<String> forged = EnvoyMessages.forged(headers);
    bodyExpected = early == null;
    if (bodyExpected) {
      headerCharge = size;
      return EnvoyMessages.sendBody(forged);
    }
    headers = Map.of();
    remember(early);
    return EnvoyMessages.onRequestHeaders(early, forged);
  }

  private void remember(RouteResult result) {
    meter.served(result);
    if (!result.setHeaders().isEmpty()) {
      Map<String, String> decision = new LinkedHashMap<>(result.setHeaders());
      decision.remove("content-length");
      decision.remove(RequestRouter.CLUSTER_HEADER);
      echo = decision;
    }
  }
}
