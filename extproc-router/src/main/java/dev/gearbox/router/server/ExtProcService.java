package dev.gearbox.router.server;

import dev.gearbox.router.routing.RequestRouter;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.atomic.AtomicInteger;

/** The ext_proc gRPC service: one {@link ProcessingStream} per Envoy request. */
public final class ExtProcService extends ExternalProcessorGrpc.ExternalProcessorImplBase {
  private final RequestRouter router;
  private final AtomicInteger openStreams = new AtomicInteger();

  public ExtProcService(RequestRouter router) {
    this.router = router;
  }

  @Override
  public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> responses) {
    openStreams.incrementAndGet();
    return new ProcessingStream(router, responses, openStreams::decrementAndGet);
  }

  /** Streams currently open; returns to zero when streams end, fail or are cancelled. */
  public int openStreams() {
    return openStreams.get();
  }
}
