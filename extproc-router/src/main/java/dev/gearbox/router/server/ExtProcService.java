package dev.gearbox.router.server;

import dev.gearbox.router.routing.RequestRouter;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ext_proc gRPC service: one {@link ProcessingStream} per Envoy request. Streams run on the transport's threads
 * (the server uses gRPC's direct executor) and hand a decision to {@code workers} only when it needs a model run or
 * its body is large.
 */
public final class ExtProcService extends ExternalProcessorGrpc.ExternalProcessorImplBase {
  private final RequestRouter router;
  private final ExecutorService workers;
  private final AtomicInteger openStreams = new AtomicInteger();

  /** @param workers a bounded pool for the slow decisions; shut down by {@link #shutdown()} */
  public ExtProcService(RequestRouter router, ExecutorService workers) {
    this.router = router;
    this.workers = workers;
  }

  @Override
  public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> responses) {
    // A worker may answer after Envoy cancelled; with a handler set, that answer is dropped instead of throwing.
    ((ServerCallStreamObserver<ProcessingResponse>) responses).setOnCancelHandler(() -> { });
    openStreams.incrementAndGet();
    return new ProcessingStream(router, responses, workers, openStreams::decrementAndGet);
  }

  /** Streams currently open; returns to zero when streams end, fail or are cancelled. */
  public int openStreams() {
    return openStreams.get();
  }

  /** After the server stopped: lets queued decisions finish, accepts no more. */
  void shutdown() {
    workers.shutdown();
  }
}
