package dev.gearbox.router.server;

import dev.gearbox.router.metrics.RouterMetrics;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SnapshotBuilder;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.chat;
import static dev.gearbox.router.Fixtures.chatHeaders;
import static dev.gearbox.router.Fixtures.complexityOnly;
import static dev.gearbox.router.Fixtures.policy;
import static dev.gearbox.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 18 #2, #4, #6: what one stream, or all of them, may hold, over in-process gRPC. */
class StreamLimitsIT {
  static final String RULES = "rules:\n  - {name: hard, tier: large, keywords: {any: [prove]}}\n";
  static final String FAIL_CLOSE = "failureMode: FailClose\n";

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  ExtProcService service;
  RouterServer server;

  /** A router on {@code builder} with {@code limits}; returns the running server. */
  RouterServer start(ServerBuilder<?> builder, String specBody, Classifiers classifiers, StreamLimits limits,
      int maxBodyBytes) throws Exception {
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    holder.apply(new SnapshotBuilder.Result(snapshot(TIERS + "---\n" + policy(specBody), classifiers), List.of()));
    RequestRouter router = new RequestRouter(holder, new RouterSettings(maxBodyBytes, RouterSettings.OPENAI_PATHS,
        RouterSettings.defaults().unmatched()), new RouterMetrics(registry));
    service = new ExtProcService(router, Executors.newFixedThreadPool(2), limits);
    server = new RouterServer(builder, service, holder, maxBodyBytes).start();
    RouterServer started = server;
    cleanup.add(() -> started.shutdown(1));
    return server;
  }

  private ManagedChannel inProcess(String specBody, Classifiers classifiers, StreamLimits limits) throws Exception {
    String name = InProcessServerBuilder.generateName();
    start(InProcessServerBuilder.forName(name), specBody, classifiers, limits, 4096);
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    cleanup.add(channel::shutdownNow);
    return channel;
  }

  private ManagedChannel inProcess(String specBody) throws Exception {
    return inProcess(specBody, Classifiers.unavailable(), StreamLimits.defaults());
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  private static Map<String, String> withHeader(String name, String value) {
    Map<String, String> headers = chatHeaders();
    headers.put(name, value);
    return headers;
  }

  /** #6: Envoy sends the headers with end_of_stream and no body; the router used to wait for one forever. */
  @Test
  void aPostWithoutABodyIsDecidedAtItsHeaders() throws Exception {
    try (EnvoyClient envoy = new EnvoyClient(inProcess(RULES + FAIL_CLOSE))) {
      ProcessingResponse answer = envoy.send(EnvoyClient.headers(chatHeaders(), true));

      assertThat(answer.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(400);
      assertThat(answer.getImmediateResponse().getDetails()).isEqualTo("gearbox_empty_body");
    }
    assertThat(registry.get("gearbox.failures").tags("reason", "empty_body").counter().count()).isEqualTo(1);
  }

  /** #6: with trailers, Envoy's buffered body comes with end_of_stream false; it used to pass undecided. */
  @Test
  void aBodyThatTrailersFollowIsDecided() throws Exception {
    try (EnvoyClient envoy = new EnvoyClient(inProcess(RULES + FAIL_CLOSE))) {
      envoy.send(EnvoyClient.headers(chatHeaders(), false));
      ProcessingResponse answer = envoy.send(EnvoyClient.body(chat("auto", "prove it"), false));

      assertThat(answer.getRequestBody().getResponse().getBodyMutation().getBody().toStringUtf8())
          .contains("\"model\":\"large-model\"");
    }
  }

  /** #4: streams were held with no time limit. */
  @Test
  void aStreamOpenPastItsDeadlineIsEnded() throws Exception {
    StreamLimits limits = new StreamLimits(64 * 1024, 1 << 20, Duration.ofMillis(300), Duration.ofSeconds(10));
    EnvoyClient envoy = new EnvoyClient(inProcess(RULES, Classifiers.unavailable(), limits));
    envoy.send(EnvoyClient.headers(chatHeaders(), false));

    Object ended = envoy.next(10_000);

    assertThat(Status.fromThrowable((Throwable) ended).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    await().until(() -> service.openStreams() == 0);
    assertThat(service.expiredStreams()).isEqualTo(1);
  }

  /** #4: 1,500 streams each holding a 1 MB header crashed the router; one such header is now refused outright. */
  @Test
  void headersOverTheLimitAreRefusedByTheFailureMode() throws Exception {
    try (EnvoyClient envoy = new EnvoyClient(inProcess(RULES + FAIL_CLOSE))) {
      ProcessingResponse answer = envoy.send(EnvoyClient.headers(withHeader("x-big", "b".repeat(100_000)), false));

      assertThat(answer.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(431);
      assertThat(answer.getImmediateResponse().getBody().toStringUtf8()).contains("headers_too_large");
    }
  }

  /** #4: headers waiting for their body count against one budget; past it a request is answered as overloaded. */
  @Test
  void headersThatWouldOverrunTheByteBudgetAreAnsweredAsOverloaded() throws Exception {
    StreamLimits limits = new StreamLimits(64 * 1024, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(10));
    ManagedChannel channel = inProcess(RULES + FAIL_CLOSE, Classifiers.unavailable(), limits);
    Map<String, String> sixKb = withHeader("x-pad", "p".repeat(6_000));
    EnvoyClient first = new EnvoyClient(channel);
    assertThat(first.send(EnvoyClient.headers(sixKb, false)).hasRequestHeaders()).isTrue();
    assertThat(service.bufferedBytes()).isGreaterThan(6_000);

    try (EnvoyClient second = new EnvoyClient(channel)) {
      ProcessingResponse answer = second.send(EnvoyClient.headers(sixKb, false));
      assertThat(answer.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(503);
      assertThat(answer.getImmediateResponse().getDetails()).isEqualTo("gearbox_overloaded");
    }

    first.send(EnvoyClient.body(chat("auto", "prove it")));
    first.close();
    await().until(() -> service.bufferedBytes() == 0);
  }

  /** #2: an Error thrown on the worker path killed the worker and sent no answer; the stream leaked. */
  @Test
  void anErrorOnTheWorkersIsAnsweredAndTheWorkersLiveOn() throws Exception {
    Classifiers overflowing = complexityOnly(request -> {
      throw new StackOverflowError();
    });
    ManagedChannel channel = inProcess("rules: [{name: c, tier: large, complexity: {min: 0.5}}]\n" + FAIL_CLOSE,
        overflowing, StreamLimits.defaults());
    for (int i = 0; i < 3; i++) {
      try (EnvoyClient envoy = new EnvoyClient(channel)) {
        envoy.send(EnvoyClient.headers(chatHeaders(), false));
        ProcessingResponse answer = envoy.send(EnvoyClient.body(chat("auto", "hi")));

        assertThat(answer.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(500);
        assertThat(answer.getImmediateResponse().getDetails()).isEqualTo("gearbox_internal_error");
      }
    }
    await().until(() -> service.openStreams() == 0);
  }

  /** #2: a stalled decision path left /healthz and /readyz saying ok; readiness now follows the decisions. */
  @Test
  void aStalledDecisionTurnsReadinessFalseUntilItAnswers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Classifiers stuck = complexityOnly(request -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    });
    StreamLimits limits = new StreamLimits(64 * 1024, 1 << 20, Duration.ofSeconds(30), Duration.ofMillis(100));
    ManagedChannel channel = inProcess("rules: [{name: c, tier: large, complexity: {min: 0.5}}]\n", stuck, limits);
    assertThat(server.ready()).isTrue();
    EnvoyClient envoy = new EnvoyClient(channel);
    envoy.send(EnvoyClient.headers(chatHeaders(), false));
    envoy.post(EnvoyClient.body(chat("auto", "hi")));

    await().until(() -> !server.ready());
    release.countDown();

    assertThat(envoy.next(10_000)).isInstanceOf(ProcessingResponse.class);
    await().until(server::ready);
    envoy.close();
  }
}
