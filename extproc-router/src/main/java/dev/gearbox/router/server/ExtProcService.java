package dev.gearbox.router.server;

import dev.gearbox.router.routing.RequestRouter;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ext_proc gRPC service: one {@link ProcessingStream} per Envoy request. Streams run on the transport's threads
 * (the server uses gRPC's direct executor) and hand a decision to {@code workers} only when it needs a model run or
 * its body is large. Every stream is bounded: in time (a deadline), and with all others in bytes held.
 */
public final class ExtProcService extends ExternalProcessorGrpc.ExternalProcessorImplBase {
  private final RequestRouter router;
  private final ExecutorService workers;
  private final StreamLimits limits;
  private final ByteBudget budget;
  private final StallWatch stalls;
  private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "ext-proc-deadlines");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger openStreams = new AtomicInteger();
  private final AtomicLong expiredStreams = new AtomicLong();

  /** @param workers a bounded pool for the slow decisions; shut down by {@link #shutdown()} */
  public ExtProcService(RequestRouter router, ExecutorService workers) {
    this(router, workers, StreamLimits.defaults());
  }

  public ExtProcService(RequestRouter router, ExecutorService workers, StreamLimits limits) {
    this.router = router;
    this.workers = workers;
    this.limits = limits;
    this.budget = new ByteBudget(limits.maxBufferedBytes());
    this.stalls = new StallWatch(limits.stalledAfter());
    deadlines.setRemoveOnCancelPolicy(true); // a stream that ends in time leaves nothing queued
  }

  @Override
  public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> responses) {
    ByteBudget.Account held = budget.account();
    Answers answers = new Answers((ServerCallStreamObserver<ProcessingResponse>) responses, held);
    openStreams.incrementAndGet();
    AtomicReference<ScheduledFuture<?>> deadline = new AtomicReference<>();
    ProcessingStream stream = new ProcessingStream(router, answers, workers, held, stalls, limits.maxHeaderBytes(),
        () -> {
          openStreams.decrementAndGet();
          ScheduledFuture<?> pending = deadline.get();
          if (pending != null) {
            pending.cancel(false);
          }
        });
    deadline.set(deadlines.schedule(() -> {
      if (stream.expire()) {
        expiredStreams.incrementAndGet();
      }
    }, limits.streamTimeout().toNanos(), TimeUnit.NANOSECONDS));
    return stream;
  }

  /** Streams currently open; returns to zero when streams end, fail, expire or are cancelled. */
  public int openStreams() {
    return openStreams.get();
  }

  /** Streams ended by their deadline (exported as gearbox_streams_expired_total). */
  public long expiredStreams() {
    return expiredStreams.get();
  }

  /** Bytes held for streams beyond the messages being decided (exported as gearbox_buffered_bytes). */
  public long bufferedBytes() {
    return budget.used();
  }

  /** False while some decision has waited longer than {@link StreamLimits#stalledAfter()}. */
  public boolean answering() {
    return !stalls.stalled();
  }

  /** After the server stopped: lets queued decisions finish, accepts no more. */
  void shutdown() {
    workers.shutdown();
    deadlines.shutdownNow();
  }
}
