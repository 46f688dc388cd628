package dev.gearbox.router.server;

import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * The sending side of one stream, safe to call from the transport, a worker and the stream's deadline timer. An
 * answer the peer has not read yet (the call is not ready) is charged to the byte budget until gRPC's flow control
 * says it drained, so a client that never reads makes its further requests fail as overloaded instead of making
 * the router buffer without end. After the stream ended, answers are dropped.
 */
final class Answers {
  private final ServerCallStreamObserver<ProcessingResponse> out;
  private final ByteBudget.Account account;
  private long unread; // bytes of answers charged while the call was not ready
  private boolean ended;

  Answers(ServerCallStreamObserver<ProcessingResponse> out, ByteBudget.Account account) {
    this.out = out;
    this.account = account;
    // A worker may answer after Envoy cancelled; with a handler set, that answer is dropped instead of throwing.
    out.setOnCancelHandler(() -> { });
    out.setOnReadyHandler(this::drained);
  }

  synchronized void send(ProcessingResponse response) {
    if (ended) {
      return;
    }
    out.onNext(response);
    if (!out.isReady()) {
      int size = response.getSerializedSize();
      unread += size;
      account.charge(size);
    }
  }

  private synchronized void drained() {
    if (out.isReady() && unread > 0) {
      account.refund(unread);
      unread = 0;
    }
  }

  synchronized void fail(Status status) {
    if (!ended) {
      ended = true;
      out.onError(status.asRuntimeException());
    }
  }

  synchronized void complete() {
    if (!ended) {
      ended = true;
      out.onCompleted();
    }
  }
}
