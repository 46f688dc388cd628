package dev.gearbox.router.server;

import com.google.common.util.concurrent.MoreExecutors;
import dev.gearbox.router.routing.InlineAttempt;
import dev.gearbox.router.routing.PreparedRequest;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One ext_proc stream, i.e. one HTTP request passing through Envoy: which thread answers each message, within which
 * budget, and when the stream ends. What the answers are is {@link RequestPhases}'s.
 *
 * <p>Callbacks arrive on a transport thread, one at a time. A body is decided right there unless that needs a model
 * run, a long scan or a call that may wait: a hand-off to another thread costs more than a decision by rules or by
 * the estimator's lexical head. Then the router hands back the request as prepared so far (parsed, its policy
 * chosen, the signals that ran remembered) and a worker finishes it; a body over {@link #INLINE_MAX_BYTES} goes to
 * the workers unparsed. From the first hand-off on every callback of this stream runs on the workers, in arrival
 * order, so the stream's state stays single-threaded.
 */
final class ProcessingStream implements StreamObserver<ProcessingRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingStream.class);
  /** Rule-only decisions cost ~0.3 ms per 10 KB of prompt (docs/performance.md); larger bodies go to the workers. */
  static final int INLINE_MAX_BYTES = 64 * 1024;

  private final RequestPhases phases;
  private final Answers out;
  private final Executor workers;
  private final ByteBudget.Account held;
  private final StallWatch stalls;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Executor inOrder; // this stream's callbacks, one at a time, on the workers; set at the first hand-off

  ProcessingStream(RequestRouter router, Answers out, Executor workers, ByteBudget.Account held, StallWatch stalls,
      int maxHeaderBytes, Runnable onClose) {
    this.phases = new RequestPhases(router, held, maxHeaderBytes);
    this.out = out;
    this.workers = workers;
    this.held = held;
    this.stalls = stalls;
    this.onClose = onClose;
  }

  @Override
  public void onNext(ProcessingRequest request) {
    if (closed.get()) {
      return;
    }
    if (inOrder == null && !phases.bodyToDecide(request)) {
      answer(() -> phases.answer(request));
      return;
    }
    if (inOrder == null && request.getRequestBody().getBody().size() <= INLINE_MAX_BYTES) {
      stalls.started(this);
      InlineAttempt attempt = phases.inline(request);
      if (attempt instanceof PreparedRequest prepared) {
        handOff(request, () -> phases.complete(prepared), () -> phases.overloaded(prepared));
      } else {
        answer(() -> phases.decided((RouteResult) attempt));
      }
      return;
    }
    handOff(request, () -> phases.answer(request), () -> phases.overloaded(request));
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
   * Answers on the workers, after this stream's earlier callbacks. A body handed off for the first time waits in
   * the queue: only within the byte budget. (Later callbacks are small, and refusing one here could race this
   * stream's queued work.)
   */
  private void handOff(ProcessingRequest request, Supplier<ProcessingResponse> answer,
      Supplier<ProcessingResponse> overloaded) {
    int size = inOrder == null ? request.getSerializedSize() : 0;
    if (!held.tryCharge(size)) {
      answer(overloaded);
      return;
    }
    stalls.started(this);
    onWorkers(() -> {
      try {
        answer(answer);
      } finally {
        held.refund(size);
      }
    }, () -> {
      held.refund(size);
      answer(overloaded);
    });
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

  private void answer(Supplier<ProcessingResponse> answer) {
    ProcessingResponse response;
    try {
      response = answer.get();
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
      phases.ended();
      held.refundAll();
      stalls.ended(this);
      onClose.run();
    }
  }
}
