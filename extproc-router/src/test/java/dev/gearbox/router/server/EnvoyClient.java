package dev.gearbox.router.server;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Plays Envoy's side of an ext_proc stream: one message at a time, waiting for each answer. */
final class EnvoyClient implements AutoCloseable {
  private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
  private final StreamObserver<ProcessingRequest> stream;

  EnvoyClient(ManagedChannel channel) {
    stream = ExternalProcessorGrpc.newStub(channel).process(new StreamObserver<>() {
      @Override
      public void onNext(ProcessingResponse value) {
        received.add(value);
      }

      @Override
      public void onError(Throwable t) {
        received.add(t);
      }

      @Override
      public void onCompleted() {
        received.add("completed");
      }
    });
  }

  static ProcessingRequest headers(Map<String, String> headers, boolean endOfStream) {
    return ProcessingRequest.newBuilder()
        .setRequestHeaders(HttpHeaders.newBuilder().setHeaders(map(headers)).setEndOfStream(endOfStream))
        .build();
  }

  /** The upstream's response headers, {@code :status} among them. */
  static ProcessingRequest responseHeaders(Map<String, String> headers, boolean endOfStream) {
    return ProcessingRequest.newBuilder()
        .setResponseHeaders(HttpHeaders.newBuilder().setHeaders(map(headers)).setEndOfStream(endOfStream))
        .build();
  }

  static ProcessingRequest responseBody(byte[] body, boolean endOfStream) {
    return ProcessingRequest.newBuilder()
        .setResponseBody(HttpBody.newBuilder().setBody(ByteString.copyFrom(body)).setEndOfStream(endOfStream))
        .build();
  }

  private static HeaderMap map(Map<String, String> headers) {
    HeaderMap.Builder map = HeaderMap.newBuilder();
    headers.forEach((k, v) -> map.addHeaders(HeaderValue.newBuilder().setKey(k).setRawValue(ByteString.copyFromUtf8(v))));
    return map.build();
  }

  static ProcessingRequest body(byte[] body) {
    return body(body, true);
  }

  /** @param endOfStream false as Envoy sends a buffered body that trailers follow */
  static ProcessingRequest body(byte[] body, boolean endOfStream) {
    return ProcessingRequest.newBuilder()
        .setRequestBody(HttpBody.newBuilder().setBody(ByteString.copyFrom(body)).setEndOfStream(endOfStream))
        .build();
  }

  /** The next thing the router sent (an answer, an error, "completed"), or null after {@code millis}. */
  Object next(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  ProcessingResponse send(ProcessingRequest request) throws InterruptedException {
    stream.onNext(request);
    Object answer = received.poll(10, TimeUnit.SECONDS);
    if (answer instanceof ProcessingResponse response) {
      return response;
    }
    throw new AssertionError("expected a ProcessingResponse, got " + answer);
  }

  /** Sends without waiting for the answer, as Envoy does while the router decides. */
  void post(ProcessingRequest request) {
    stream.onNext(request);
  }

  void cancel() {
    stream.onError(io.grpc.Status.CANCELLED.asRuntimeException());
  }

  @Override
  public void close() throws InterruptedException {
    stream.onCompleted();
    received.poll(10, TimeUnit.SECONDS);
  }
}
