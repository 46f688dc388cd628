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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One ext_proc stream, i.e. one HTTP request passing through Envoy. Holds the request headers until the body
 * arrives and the decision headers until the response headers, and answers every message so Envoy never waits.
 *
 * <p>Callbacks arrive on a transport thread, one at a time. A body is decided right there unless that needs a model
 * run or a long scan: a hand-off to another thread costs more than a decision by rules or by the estimator's lexical
 * head. A body whose decision needs one, or that is over {@link #INLINE_MAX_BYTES}, goes to the worker pool, and
 * from then on every callback of this stream runs on the workers too, in arrival order, so the stream's state stays
 * single-threaded. Whatever is thrown while answering, the request gets its policy's failure mode, never a reset.
 */
final class ProcessingStream implements StreamObserver<ProcessingRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingStream.class);
  /** Rule-only decisions cost ~0.3 ms per 10 KB of prompt (docs/performance.md); larger bodies go to the workers. */
  static final int INLINE_MAX_BYTES = 64 * 1024;

  private final RequestRouter router;
  private final Answers out;
  private final Executor workers;
  private final ByteBudget.Account held;
  private final StallWatch stalls;
  private final int maxHeaderBytes;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Executor inOrder; // this stream's callbacks, one at a time, on the workers; set at the first hand-off
  private Map<String, String> headers = Map.of();
  private int headerCharge;
  private boolean bodyExpected;
  private Map<String, String> echo = Map.of();

  ProcessingStream(RequestRouter router, Answers out, Executor workers, ByteBudget.Account held, StallWatch stalls,
      int maxHeaderBytes, Runnable onClose) {
    this.router = router;
    this.out = out;
    this.workers = workers;
    this.held = held;
    this.stalls = stalls;
    this.maxHeaderBytes = maxHeaderBytes;
    this.onClose = onClose;
  }

  @Override
  public void onNext(ProcessingRequest request) {
    if (closed.get()) {
      return;
    }
    if (inOrder == null) {
      if (!bodyToDecide(request)) {
        answer(request);
        return;
      }
      if (request.getRequestBody().getBody().size() <= INLINE_MAX_BYTES && answeredWithoutModels(request)) {
        return;
      }
    }
    // A body handed off for the first time waits in the queue: only within the byte budget. (Later callbacks are
    // small, and refusing one here could race this stream's queued work.)
    int size = inOrder == null ? request.getSerializedSize() : 0;
    if (!held.tryCharge(size)) {
      answerOverloaded(request);
      return;
    }
    stalls.started(this);
    onWorkers(() -> {
      try {
        answer(request);
      } finally {
        held.refund(size);
      }
    }, () -> {
      held.refund(size);
      answerOverloaded(request);
    });
  }

  @Override
  public void onError(Throwable t) {
    inTurn(() -> failed(t));
  }

  @Override
  public void onCompleted() {
    inTurn(this::completed);
  }

  /**
   * The stream outlived its deadline: ended here, from the timer, whatever its callbacks are doing.
   *
   * @return false when it had ended already
   */
  boolean expire() {
    if (closed.get()) {
      return false;
    }
    out.fail(Status.DEADLINE_EXCEEDED.withDescription("ext_proc stream open longer than the router allows"));
    close();
    return true;
  }

  /** Runs {@code work} here, or after this stream's work on the workers once it has been handed off. */
  private void inTurn(Runnable work) {
    if (inOrder == null) {
      work.run();
    } else {
      onWorkers(work, work);
    }
  }

  /**
   * The body of a request this stream still has to decide. In BUFFERED mode Envoy sends the whole body in one
   * message, with end_of_stream false when trailers follow: that message is decided too.
   */
  private boolean bodyToDecide(ProcessingRequest request) {
    return request.hasRequestBody() && bodyExpected;
  }

  /** Decides the body here unless that needs a model run; false leaves it undecided, for the workers. */
  private boolean answeredWithoutModels(ProcessingRequest request) {
    stalls.started(this);
    ProcessingResponse response;
    try {
      RouteResult result = router.onBodyWithoutModels(headers, request.getRequestBody().getBody().toByteArray());
      if (result == null) {
        return false;
      }
      response = decided(result);
    } catch (Throwable e) {
      response = failedAnswer(e, request);
    } finally {
      stalls.ended(this);
    }
    out.send(response);
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
    } catch (Throwable e) { // StackOverflowError included: the request gets an answer, the worker lives on
      response = failedAnswer(e, request);
    } finally {
      stalls.ended(this);
    }
    if (response == null) {
      out.fail(Status.INVALID_ARGUMENT.withDescription("empty ProcessingRequest"));
      close();
      return;
    }
    out.send(response);
  }

  /** A failure outside the decision: the policy's failure mode for a body or headers, counted; else unchanged. */
  private ProcessingResponse failedAnswer(Throwable e, ProcessingRequest request) {
    RouteResult failure = router.onInternalError(headers, e);
    if (request.hasRequestBody() && bodyExpected) {
      return decided(failure);
    }
    if (request.hasRequestHeaders()) {
      bodyExpected = false;
      return EnvoyMessages.onRequestHeaders(failure, List.of());
    }
    return EnvoyMessages.continueUnchanged(request);
  }

  /** No room to decide: the body (or the headers, when even they do not fit) gets the policy's overload answer. */
  private void answerOverloaded(ProcessingRequest request) {
    if (!request.hasRequestBody() || !bodyExpected) {
      answer(request);
      return;
    }
    byte[] body = request.getRequestBody().getBody().size() <= INLINE_MAX_BYTES
        ? request.getRequestBody().getBody().toByteArray() : null;
    out.send(decided(router.onOverload(headers, body)));
  }

  private ProcessingResponse requestHeaders(ProcessingRequest request) {
    headers = EnvoyMessages.headers(request.getRequestHeaders());
    int size = request.getRequestHeaders().getSerializedSize();
    RouteResult early = size > maxHeaderBytes ? router.onHeadersTooLarge(headers, size, maxHeaderBytes)
        : router.onHeaders(headers);
    if (early == null && request.getRequestHeaders().getEndOfStream()) {
      early = router.onBody(headers, new byte[0]); // a POST without a body: no body message will come
    }
    if (early == null && !held.tryCharge(size)) {
      early = router.onOverload(headers, null); // these headers cannot wait for their body within the budget
    }
    bodyExpected = early == null;
    List<String> forged = EnvoyMessages.forged(headers);
    if (early != null) {
      headers = Map.of();
      remember(early);
    } else {
      headerCharge = size;
    }
    return EnvoyMessages.onRequestHeaders(early, forged);
  }

  private ProcessingResponse requestBody(ProcessingRequest request) {
    if (!bodyExpected) {
      return EnvoyMessages.continueUnchanged(request); // Envoy sent a body it was told to skip
    }
    return decided(router.onBody(headers, request.getRequestBody().getBody().toByteArray()));
  }

  /** The body's answer; the held headers are no longer needed. */
  private ProcessingResponse decided(RouteResult result) {
    bodyExpected = false;
    headers = Map.of();
    held.refund(headerCharge);
    headerCharge = 0;
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
      LOG.warn("ext_proc stream ended with {}", status.getCode());
    }
    close();
  }

  private void completed() {
    out.complete();
    close();
  }

  private void close() {
    if (closed.compareAndSet(false, true)) {
      held.refundAll();
      stalls.ended(this);
      onClose.run();
    }
  }
}
