package dev.gearbox.router.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption.HeaderAppendAction;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.TrailersResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Translates between Envoy's ext_proc messages and the router's plain types. Pure. */
final class EnvoyMessages {
  /** Once a request is failed open at its headers, Envoy need not send its body; its answer is still metered. */
  private static final ProcessingMode SKIP_BODY = ProcessingMode.newBuilder()
      .setRequestBodyMode(ProcessingMode.BodySendMode.NONE)
      .build();
  /** A request passed through has nothing to echo or meter: Envoy need send neither its body nor its answer. */
  private static final ProcessingMode PASS_THROUGH = ProcessingMode.newBuilder()
      .setRequestBodyMode(ProcessingMode.BodySendMode.NONE)
      .setResponseHeaderMode(ProcessingMode.HeaderSendMode.SKIP)
      .build();
  /** Asked for in the answer to response headers: the response body, to meter its usage (needs allow_mode_override). */
  private static final ProcessingMode METER_BODY = ProcessingMode.newBuilder()
      .setResponseBodyMode(ProcessingMode.BodySendMode.BUFFERED)
      .build();
  private static final List<String> ROUTER_HEADERS = List.of(RequestRouter.TIER_HEADER, RequestRouter.CLUSTER_HEADER,
      RequestRouter.DECISION_HEADER, RequestRouter.SHADOW_HEADER);

  private EnvoyMessages() {
  }

  /** Header names lower-cased; values from raw_value (newer Envoy) or value. */
  static Map<String, String> headers(HttpHeaders headers) {
    Map<String, String> map = new HashMap<>();
    for (HeaderValue h : headers.getHeaders().getHeadersList()) {
      String value = h.getRawValue().isEmpty() ? h.getValue() : h.getRawValue().toStringUtf8();
      map.put(h.getKey().toLowerCase(Locale.ROOT), value);
    }
    return map;
  }

  /**
   * The answer to request_headers when the body is needed: Envoy sends it next. {@code forged} (router header names
   * the client sent) are removed, so whatever Envoy's configuration, only the router speaks for a decision.
   */
  static ProcessingResponse sendBody(List<String> forged) {
    return headersAnswer(Map.of(), forged).build();
  }

  /**
   * The answer to request_headers when they decided the request: a rejection is answered at once; whatever else they
   * decided goes on with its headers, and Envoy need not send the body.
   */
  static ProcessingResponse onRequestHeaders(RouteResult result, List<String> forged) {
    if (result instanceof RouteResult.Rejected rejected) {
      return reject(rejected);
    }
    boolean answerWanted = result.servedBy() != null || !result.setHeaders().isEmpty();
    return headersAnswer(result.setHeaders(), forged).setModeOverride(answerWanted ? SKIP_BODY : PASS_THROUGH).build();
  }

  private static ProcessingResponse.Builder headersAnswer(Map<String, String> set, List<String> forged) {
    CommonResponse.Builder common = CommonResponse.newBuilder();
    if (!set.isEmpty() || !forged.isEmpty()) {
      HeaderMutation.Builder mutation = mutation(set).toBuilder();
      forged.stream().filter(name -> !set.containsKey(name)).forEach(mutation::addRemoveHeaders);
      common.setHeaderMutation(mutation).setClearRouteCache(true);
    }
    return ProcessingResponse.newBuilder().setRequestHeaders(HeadersResponse.newBuilder().setResponse(common));
  }

  /** The router's own header names among the request's: a client's attempt to choose a cluster or a decision. */
  static List<String> forged(Map<String, String> requestHeaders) {
    return ROUTER_HEADERS.stream().filter(requestHeaders::containsKey).toList();
  }

  /** The answer to request_body. */
  static ProcessingResponse onRequestBody(RouteResult result) {
    return result.match(new RouteResult.Cases<>() {
      @Override
      public ProcessingResponse routed(RouteResult.Routed routed) {
        return bodyAnswer(routed.setHeaders(), true, routed.body());
      }

      @Override
      public ProcessingResponse shadowed(RouteResult.Shadowed shadowed) {
        return bodyAnswer(shadowed.setHeaders(), false, null); // a shadow header does not change the route
      }

      @Override
      public ProcessingResponse failedOpen(RouteResult.FailedOpen failedOpen) {
        return bodyAnswer(failedOpen.setHeaders(), true, failedOpen.body());
      }

      @Override
      public ProcessingResponse rejected(RouteResult.Rejected rejected) {
        return reject(rejected);
      }

      @Override
      public ProcessingResponse passedThrough(RouteResult.PassedThrough passedThrough) {
        return bodyAnswer(Map.of(), false, null);
      }
    });
  }

  /** @param body the rewritten body, or null to leave it untouched */
  private static ProcessingResponse bodyAnswer(Map<String, String> set, boolean reroute, byte[] body) {
    CommonResponse.Builder common = CommonResponse.newBuilder();
    if (!set.isEmpty()) {
      common.setHeaderMutation(mutation(set)).setClearRouteCache(reroute);
    }
    if (body != null) {
      // The rewritten body is built for this answer and never changed after: wrapping it saves a copy.
      common.setBodyMutation(BodyMutation.newBuilder().setBody(UnsafeByteOperations.unsafeWrap(body)));
    }
    return ProcessingResponse.newBuilder().setRequestBody(BodyResponse.newBuilder().setResponse(common)).build();
  }

  /**
   * The answer to response_headers: the decision echoed to the client, when there was one, and with
   * {@code sendBody} a request for the whole body, to read its usage. BUFFERED, not BUFFERED_PARTIAL: with the
   * headers sent, Envoy keeps the answer's content-length only in BUFFERED mode; the router asks only for bodies
   * whose declared length fits Envoy's buffer ({@link ResponseMeter}).
   */
  static ProcessingResponse onResponseHeaders(Map<String, String> echo, boolean sendBody) {
    CommonResponse.Builder common = CommonResponse.newBuilder();
    if (!echo.isEmpty()) {
      common.setHeaderMutation(mutation(echo));
    }
    ProcessingResponse.Builder answer = ProcessingResponse.newBuilder()
        .setResponseHeaders(HeadersResponse.newBuilder().setResponse(common));
    return sendBody ? answer.setModeOverride(METER_BODY).build() : answer.build();
  }

  /** An empty answer for a phase the router does not act on, so Envoy never waits. */
  static ProcessingResponse continueUnchanged(io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest request) {
    ProcessingResponse.Builder response = ProcessingResponse.newBuilder();
    switch (request.getRequestCase()) {
      case REQUEST_HEADERS -> response.setRequestHeaders(HeadersResponse.getDefaultInstance());
      case RESPONSE_HEADERS -> response.setResponseHeaders(HeadersResponse.getDefaultInstance());
      case REQUEST_BODY -> response.setRequestBody(BodyResponse.getDefaultInstance());
      case RESPONSE_BODY -> response.setResponseBody(BodyResponse.getDefaultInstance());
      case REQUEST_TRAILERS -> response.setRequestTrailers(TrailersResponse.getDefaultInstance());
      case RESPONSE_TRAILERS -> response.setResponseTrailers(TrailersResponse.getDefaultInstance());
      default -> {
        return null;
      }
    }
    return response.build();
  }

  /** An OpenAI-style JSON error the client's SDK can read. */
  static ProcessingResponse reject(RouteResult.Rejected result) {
    String json = "{\"error\":{\"message\":\"" + escape(result.error()) + "\",\"type\":\"" + errorType(result.status())
        + "\",\"code\":\"" + result.reason() + "\"}}";
    ImmediateResponse immediate = ImmediateResponse.newBuilder()
        .setStatus(HttpStatus.newBuilder().setCodeValue(result.status()))
        .setHeaders(mutation(Map.of("content-type", "application/json")))
        .setBody(ByteString.copyFromUtf8(json))
        .setDetails("gearbox_" + result.reason())
        .build();
    return ProcessingResponse.newBuilder().setImmediateResponse(immediate).build();
  }

  /** The error type OpenAI uses for the status: a 500 is the router's fault, a 503 a tier that cannot answer. */
  static String errorType(int status) {
    if (status == 503) {
      return "service_unavailable";
    }
    return status >= 500 ? "server_error" : "invalid_request_error";
  }

  static HeaderMutation mutation(Map<String, String> headers) {
    HeaderMutation.Builder mutation = HeaderMutation.newBuilder();
    headers.forEach((name, value) -> mutation.addSetHeaders(HeaderValueOption.newBuilder()
        .setHeader(HeaderValue.newBuilder().setKey(name).setRawValue(ByteString.copyFrom(value, StandardCharsets.UTF_8)))
        .setAppendAction(HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)));
    return mutation.build();
  }

  private static String escape(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(text == null ? "" : text));
  }
}
