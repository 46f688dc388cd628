package dev.gearbox.router.server;

import com.google.common.util.concurrent.MoreExecutors;
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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One ext_proc stream, i.e. one HTTP request passing through Envoy. Holds the request headers until the body
 * arrives and the decision headers until the response headers, and answers every message so Envoy never waits.
 *
 * <p>Callbacks arrive on a transport thread, one at a time. A body is decided right there unless that needs a model
 * run: a hand-off to another thread costs more than a decision by rules or by the estimator's lexical head. A body
 * whose decision needs a model run (an embedding takes milliseconds and would stall every stream on that event loop),
 * or that is over {@link #INLINE_MAX_BYTES}, goes to the worker pool, and from then on every callback of this stream
 * runs on the workers too, in arrival order, so the stream's state stays single-threaded.
 */
final class ProcessingStream implements StreamObserver<ProcessingRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingStream.class);
  /** Rule-only decisions cost ~0.3 ms per 10 KB of prompt (docs/performance.md); larger bodies go to the workers. */
  static final int INLINE_MAX_BYTES = 64 * 1024;

  private final RequestRouter router;
  private final StreamObserver<ProcessingResponse> out;
  private final Executor workers;
  private final Runnable onClose;
  private Executor inOrder; // this stream's callbacks, one at a time, on the workers; set at the first hand-off
  private Map<String, String> headers = Map.of();
  private boolean bodyExpected;
  private Map<String, String> echo = Map.of();
  private boolean closed;

  ProcessingStream(RequestRouter router, StreamObserver<ProcessingResponse> out, Executor workers,
      Runnable onClose) {
    this.router = router;
    this.out = out;
    this.workers = workers;
    this.onClose = onClose;
  }

  @Override
  public void onNext(ProcessingRequest request) {
    if (inOrder == null) {
      if (!bodyToDecide(request)) {
        answer(request);
        return;
      }
      if (request.getRequestBody().getBody().size() <= INLINE_MAX_BYTES && answeredWithoutModels(request)) {
        return;
      }
    }
    onWorkers(() -> answer(request), () -> answerOverloaded(request));
  }

  @Override
  public void onError(Throwable t) {
    inTurn(() -> failed(t));
  }

  @Override
  public void onCompleted() {
    inTurn(this::completed);
  }

  /** Runs {@code work} here, or after this stream's work on the workers once it has been handed off. */
  private void inTurn(Runnable work) {
    if (inOrder == null) {
      work.run();
    } else {
      onWorkers(work, work);
    }
  }

  /** The whole body of a request this stream still has to decide. */
  private boolean bodyToDecide(ProcessingRequest request) {
    return request.hasRequestBody() && bodyExpected && request.getRequestBody().getEndOfStream();
  }

  /** Decides the body here unless that needs a model run; false leaves it undecided, for the workers. */
  private boolean answeredWithoutModels(ProcessingRequest request) {
    ProcessingResponse response;
    try {
      RouteResult result = router.onBodyWithoutModels(headers, request.getRequestBody().getBody().toByteArray());
      if (result == null) {
        return false;
      }
      response = decided(result);
    } catch (RuntimeException e) {
      response = unchangedAfter(e, request);
    }
    out.onNext(response);
    return true;
  }

  /**
   * Runs {@code work} after this stream's earlier callbacks, on the workers. A full queue refuses it only when
   * none of this stream's work is queued or running, so {@code ifRefused} runs here without racing a worker.
   */
  private void onWorkers(Runnable work, Runnable ifRefused) {
    if (inOrder == null) {
      inOrder = MoreExecutors.newSequentialExecutor(workers);
    }
    try {
      inOrder.execute(work);
    } catch (RejectedExecutionException e) {
      ifRefused.run();
    }
  }

  private void answer(ProcessingRequest request) {
    ProcessingResponse response;
    try {
      response = switch (request.getRequestCase()) {
        case REQUEST_HEADERS -> requestHeaders(request);
        case REQUEST_BODY -> requestBody(request);
        case RESPONSE_HEADERS -> EnvoyMessages.onResponseHeaders(echo);
        default -> EnvoyMessages.continueUnchanged(request);
      };
    } catch (RuntimeException e) {
      response = unchangedAfter(e, request);
    }
    if (response == null) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("empty ProcessingRequest").asRuntimeException());
      close();
      return;
    }
    out.onNext(response);
  }

  /** A bug must not hold up the request: it goes on unchanged, and the log says why. */
  private static ProcessingResponse unchangedAfter(RuntimeException e, ProcessingRequest request) {
    LOG.error("ext_proc stream failed; answering unchanged", e);
    return EnvoyMessages.continueUnchanged(request);
  }

  /** The workers' queue is full: the body gets the policy's answer to an overload instead of a decision. */
  private void answerOverloaded(ProcessingRequest request) {
    if (!request.hasRequestBody() || !bodyExpected) {
      answer(request);
      return;
    }
    out.onNext(decided(router.onOverload(headers)));
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
    return decided(router.onBody(headers, request.getRequestBody().getBody().toByteArray()));
  }

  private ProcessingResponse decided(RouteResult result) {
    bodyExpected = false;
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

  private void failed(Throwable t) {
    Status status = Status.fromThrowable(t);
    if (status.getCode() != Status.Code.CANCELLED) {
      LOG.warn("ext_proc stream ended with {}", status);
    }
    close();
  }

  private void completed() {
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
