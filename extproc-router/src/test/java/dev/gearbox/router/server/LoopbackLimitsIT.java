package dev.gearbox.router.server;

import dev.gearbox.router.routing.Classifiers;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.gearbox.router.Fixtures.chat;
import static dev.gearbox.router.Fixtures.chatHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Issue 18 #4, #7, #8: the limits that only a real transport has, over loopback Netty as the router serves. */
class LoopbackLimitsIT {
  private final StreamLimitsIT router = new StreamLimitsIT();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    channels.forEach(ManagedChannel::shutdownNow);
    router.stop();
  }

  private ManagedChannel connect(String host, RouterServer server) {
    ManagedChannel channel = NettyChannelBuilder.forAddress(host, server.port()).usePlaintext()
        .maxInboundMessageSize(64 << 20).build();
    channels.add(channel);
    return channel;
  }

  private RouterServer serve(String host, int maxStreams, StreamLimits limits, int maxBodyBytes) throws Exception {
    return router.start(RouterServer.netty(new InetSocketAddress(host, 0), maxStreams), StreamLimitsIT.RULES,
        Classifiers.unavailable(), limits, maxBodyBytes);
  }

  /** A chat body of exactly {@code size} bytes. */
  private static byte[] bodyOf(int size) {
    byte[] shell = chat("auto", "");
    String padded = new String(shell, StandardCharsets.UTF_8).replace("\"content\":\"\"",
        "\"content\":\"" + "p".repeat(size - shell.length) + "\"");
    return padded.getBytes(StandardCharsets.UTF_8);
  }

  /** #7: a body of exactly --max-body-bytes (or 4-8 MiB after raising it) hit gRPC's 4 MiB limit: a reset. */
  @Test
  void aBodyAtTheLimitIsDecidedAndOneOverItAnsweredTooLarge() throws Exception {
    int max = 6 << 20;
    ManagedChannel channel = connect("127.0.0.1", serve("127.0.0.1", 16, StreamLimits.defaults(), max));
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(chatHeaders(), false));
      ProcessingResponse atLimit = envoy.send(EnvoyClient.body(bodyOf(max)));
      assertThat(atLimit.getRequestBody().getResponse().getHeaderMutation().toString())
          .contains("x-gearbox-decision", "default").doesNotContain("failopen");
      assertThat(atLimit.getRequestBody().getResponse().getBodyMutation().getBody().size()).isGreaterThan(max);
    }
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(chatHeaders(), false));
      ProcessingResponse over = envoy.send(EnvoyClient.body(bodyOf(max + 1)));
      assertThat(over.getRequestBody().getResponse().getHeaderMutation().toString())
          .contains("failopen:body_too_large");
    }
  }

  /** #4: 5,000 idle streams on one connection were accepted; now the connection's stream count is capped. */
  @Test
  void aConnectionHoldsAtMostItsStreamLimit() throws Exception {
    ManagedChannel channel = connect("127.0.0.1", serve("127.0.0.1", 2, StreamLimits.defaults(), 4096));
    EnvoyClient first = new EnvoyClient(channel);
    EnvoyClient second = new EnvoyClient(channel);
    first.send(EnvoyClient.headers(chatHeaders(), false));
    second.send(EnvoyClient.headers(chatHeaders(), false));

    EnvoyClient third = new EnvoyClient(channel);
    third.post(EnvoyClient.headers(chatHeaders(), false));
    assertThat(third.next(500)).as("the third stream waits for a free slot").isNull();
    assertThat(router.service.openStreams()).isEqualTo(2);

    first.send(EnvoyClient.body(chat("auto", "hi")));
    first.close();
    assertThat(third.next(10_000)).as("and is served once one ends").isInstanceOf(ProcessingResponse.class);
    second.cancel();
    third.cancel();
  }

  /**
   * #4: a client that never reads made the router buffer 770 MB. Answers it has not read are charged to the byte
   * budget until flow control says they drained, so its next requests are answered as overloaded instead.
   */
  @Test
  void answersAClientDoesNotReadCountAgainstTheBudget() throws Exception {
    StreamLimits limits = new StreamLimits(64 * 1024, 6 << 20, Duration.ofSeconds(30), Duration.ofSeconds(10));
    RouterServer server = serve("127.0.0.1", 64, limits, 8 << 20);
    ManagedChannel reader = connect("127.0.0.1", server);
    ManagedChannel neverReads = connect("127.0.0.1", server);
    byte[] big = bodyOf(3 << 20);
    for (int i = 0; i < 3; i++) {
      var stream = ExternalProcessorGrpc.newStub(neverReads).process(new NeverReading());
      stream.onNext(EnvoyClient.headers(chatHeaders(), false));
      stream.onNext(EnvoyClient.body(big));
    }
    // Once all three are decided nothing is queued: what the budget still holds is answers the client did not read.
    await().until(() -> decided() == 3);
    assertThat(router.service.bufferedBytes()).isGreaterThanOrEqualTo(3 << 20);

    try (EnvoyClient envoy = new EnvoyClient(reader)) {
      ProcessingResponse answer = envoy.send(EnvoyClient.headers(chatHeaders(), false));
      if (answer.hasRequestHeaders() && !answer.getRequestHeaders().getResponse().hasHeaderMutation()) {
        answer = envoy.send(EnvoyClient.body(big)); // the headers fit; the body cannot be queued
      }
      assertThat(answer.toString()).contains("failopen:overloaded");
    }
  }

  private double decided() {
    return router.registry.find("gearbox.requests").counters().stream().mapToDouble(c -> c.count()).sum()
        + router.registry.find("gearbox.failures").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  /** #8: both ports bound every interface; the gRPC port now binds the address it is given. */
  @Test
  void theGrpcPortListensOnlyOnItsBindAddress() throws Exception {
    RouterServer server = serve("127.0.0.2", 16, StreamLimits.defaults(), 4096);

    try (EnvoyClient envoy = new EnvoyClient(connect("127.0.0.2", server))) {
      assertThat(envoy.send(EnvoyClient.headers(chatHeaders(), false)).hasRequestHeaders()).isTrue();
    }
    assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", server.port()).close())
        .isInstanceOf(java.net.ConnectException.class);
  }

  /** Reads nothing: asks for no messages, so the router's answers stay in the transport's buffers. */
  private static final class NeverReading implements ClientResponseObserver<ProcessingRequest, ProcessingResponse> {
    @Override
    public void beforeStart(ClientCallStreamObserver<ProcessingRequest> stream) {
      stream.disableAutoRequestWithInitial(0);
    }

    @Override
    public void onNext(ProcessingResponse value) {
    }

    @Override
    public void onError(Throwable t) {
    }

    @Override
    public void onCompleted() {
    }
  }
}
