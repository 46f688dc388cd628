package dev.gearbox.router.server;

import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ext_proc stream, i.e. one HTTP request passing through Envoy. Holds the request headers until the body
 * arrives and the decision headers until the response headers, and answers every message so Envoy never waits.
 */
final class ProcessingStream implements StreamObserver<ProcessingRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingStream.class);

  private final RequestRouter router;
  private final StreamObserver<ProcessingResponse> out;
  private final Runnable onClose;
  private Map<String, String> headers = Map.of();
  private boolean bodyExpected;
  private Map<String, String> echo = Map.of();
  private boolean closed;

  ProcessingStream(RequestRouter router, StreamObserver<ProcessingResponse> out, Runnable onClose) {
    this.router = router;
    this.out = out;
    this.onClose = onClose;
  }

  @Override
  public void onNext(ProcessingRequest request) {
    ProcessingResponse response;
    try {
      response = switch (request.getRequestCase()) {
        case REQUEST_HEADERS -> requestHeaders(request);
        case REQUEST_BODY -> requestBody(request);
        case RESPONSE_HEADERS -> EnvoyMessages.onResponseHeaders(echo);
        default -> EnvoyMessages.continueUnchanged(request);
      };
    } catch (RuntimeException e) {
      LOG.error("ext_proc stream failed; answering unchanged", e);
      response = EnvoyMessages.continueUnchanged(request);
    }
    if (response == null) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("empty ProcessingRequest").asRuntimeException());
      close();
      return;
    }
    out.onNext(response);
  }

  private ProcessingResponse requestHeaders(ProcessingRequest request) {
    headers = EnvoyMessages.headers(request.getRequestHeaders());
    RouteResult early = router.onHeaders(headers);
    bodyExpected = early == null;
    if (early != null) {
      remember(early);
    }
    return EnvoyMessages.onRequestHeaders(early);
  }

  private ProcessingResponse requestBody(ProcessingRequest request) {
    if (!bodyExpected) {
      return EnvoyMessages.continueUnchanged(request); // Envoy sent a body it was told to skip
    }
    if (!request.getRequestBody().getEndOfStream()) {
      // The filter must buffer the body (BUFFERED mode); a streamed chunk cannot be classified on its own.
      return EnvoyMessages.continueUnchanged(request);
    }
    bodyExpected = false;
    RouteResult result = router.onBody(headers, request.getRequestBody().getBody().toByteArray());
    remember(result);
    return EnvoyMessages.onRequestBody(result);
  }

  private void remember(RouteResult result) {
    if (!result.setHeaders().isEmpty()) {
      Map<String, String> decision = new LinkedHashMap<>(result.setHeaders());
      decision.remove("content-length");
      decision.remove(RequestRouter.CLUSTER_HEADER);
      echo = decision;
    }
  }

  @Override
  public void onError(Throwable t) {
    Status status = Status.fromThrowable(t);
    if (status.getCode() != Status.Code.CANCELLED) {
      LOG.warn("ext_proc stream ended with {}", status);
    }
    close();
  }

  @Override
  public void onCompleted() {
    out.onCompleted();
    close();
  }

  private void close() {
    if (!closed) {
      closed = true;
      headers = Map.of();
      echo = Map.of();
      onClose.run();
    }
  }
}
