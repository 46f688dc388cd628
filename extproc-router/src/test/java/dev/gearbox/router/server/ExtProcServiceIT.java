package dev.gearbox.router.server;

import dev.gearbox.router.Fixtures;
import dev.gearbox.router.metrics.RouterMetrics;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SnapshotBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.router.simulator.SimulatorServer;
import dev.gearbox.router.simulator.SimulatorSettings;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.chat;
import static dev.gearbox.router.Fixtures.complexityOnly;
import static dev.gearbox.router.Fixtures.chatHeaders;
import static dev.gearbox.router.Fixtures.policy;
import static dev.gearbox.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Sends what Envoy sends, over in-process gRPC, and checks the exact answers. */
class ExtProcServiceIT {
  private static final String RULES = """
      rules:
        - {name: hard, tier: large, keywords: {any: [prove]}}
        - {name: explode, tier: large, complexity: {min: 0.5}}
      """;

  private RouterServer server;
  private ManagedChannel channel;
  private ExtProcService service;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** A classifier whose complexity signal fails, to exercise the internal-error path. */
  private static final Classifiers EXPLODING = complexityOnly(request -> {
    if (request.lastUserText().contains("explode")) {
      throw new IllegalStateException("classifier broke");
    }
    return false;
  });

  private void start(String policyYaml, int maxBodyBytes) throws Exception {
    start(policyYaml, maxBodyBytes, EXPLODING, Executors.newFixedThreadPool(2));
  }

  private void start(String policyYaml, int maxBodyBytes, Classifiers classifiers, ExecutorService workers)
      throws Exception {
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    PolicySnapshot snapshot = snapshot(TIERS + "---\n" + policyYaml, classifiers);
    holder.apply(new SnapshotBuilder.Result(snapshot, List.of()));
    RequestRouter router = new RequestRouter(holder,
        new RouterSettings(maxBodyBytes, RouterSettings.OPENAI_PATHS, RouterSettings.defaults().unmatched()),
        new RouterMetrics(registry));
    service = new ExtProcService(router, workers);
    String name = InProcessServerBuilder.generateName();
    server = new RouterServer(InProcessServerBuilder.forName(name), service, holder).start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      channel.shutdownNow();
      server.shutdown(1);
    }
  }

  private static Map<String, String> setHeaders(CommonResponse response) {
    return response.getHeaderMutation().getSetHeadersList().stream().collect(Collectors.toMap(
        h -> h.getHeader().getKey(), h -> h.getHeader().getRawValue().toStringUtf8()));
  }

  @Test
  void routesAndRewritesTheModel() throws Exception {
    start(policy(RULES), 4096);
    byte[] body = chat("auto", "Please prove that there are infinitely many primes");
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      ProcessingResponse headers = envoy.send(EnvoyClient.headers(chatHeaders(), false));
      assertThat(headers.hasRequestHeaders()).isTrue();
      assertThat(headers.getRequestHeaders().getResponse().getHeaderMutation().getSetHeadersCount()).isZero();

      CommonResponse answer = envoy.send(EnvoyClient.body(body)).getRequestBody().getResponse();
      String expectedBody = new String(body, StandardCharsets.UTF_8).replace("\"auto\"", "\"large-model\"");
      assertThat(answer.getBodyMutation().getBody().toStringUtf8()).isEqualTo(expectedBody);
      assertThat(setHeaders(answer)).containsExactlyInAnyOrderEntriesOf(Map.of(
          "x-gearbox-tier", "large",
          "x-gearbox-cluster", "team.large",
          "x-gearbox-decision", "rule:hard",
          "content-length", Integer.toString(expectedBody.getBytes(StandardCharsets.UTF_8).length)));
      assertThat(answer.getClearRouteCache()).isTrue();
      assertThat(answer.getHeaderMutation().getSetHeadersList()).extracting(HeaderValueOption::getAppendAction)
          .containsOnly(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD);

      ProcessingResponse echoed = envoy.send(io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest.newBuilder()
          .setResponseHeaders(io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders.getDefaultInstance()).build());
      assertThat(setHeaders(echoed.getResponseHeaders().getResponse()))
          .containsOnlyKeys("x-gearbox-tier", "x-gearbox-decision");
    }
    assertThat(registry.get("gearbox.requests").tag("tier", "large").counter().count()).isEqualTo(1);
  }

  /**
   * Issue 17: tokens and cost from what the tier really answered (here the simulator's answer, as Envoy would relay
   * it), and a streamed answer counted as unmetered, its decision-time estimate standing.
   */
  @Test
  void readsTheUsageOfAWholeJsonAnswerAndCountsAStreamAsUnmetered() throws Exception {
    start(policy(RULES), 4096);
    JsonNode reported = null;
    try (SimulatorServer tier = new SimulatorServer(new SimulatorSettings("127.0.0.1", 0, "large-model", null,
        Duration.ZERO, Duration.ZERO, 0, 1, 1))) {
      for (boolean stream : new boolean[] {false, true}) {
        byte[] body = ("{\"model\":\"auto\",\"stream\":" + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Please prove that there are infinitely many primes\"}]}")
            .getBytes(StandardCharsets.UTF_8);
        try (EnvoyClient envoy = new EnvoyClient(channel)) {
          envoy.send(EnvoyClient.headers(chatHeaders(), false));
          byte[] routed = envoy.send(EnvoyClient.body(body)).getRequestBody().getResponse().getBodyMutation()
              .getBody().toByteArray();
          HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + tier.port() + "/v1/chat/completions"))
              .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(routed)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
          Map<String, String> headers = new HashMap<>(Map.of(":status", Integer.toString(answer.statusCode())));
          answer.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));

          ProcessingResponse onHeaders = envoy.send(EnvoyClient.responseHeaders(headers, false));
          assertThat(setHeaders(onHeaders.getResponseHeaders().getResponse())).containsKey("x-gearbox-tier");
          if (stream) {
            assertThat(onHeaders.hasModeOverride()).isFalse();
          } else {
            assertThat(onHeaders.getModeOverride().getResponseBodyMode())
                .isEqualTo(ProcessingMode.BodySendMode.BUFFERED);
            ProcessingResponse onBody = envoy.send(EnvoyClient.responseBody(answer.body(), true));
            assertThat(onBody.getResponseBody().getResponse().hasBodyMutation()).isFalse();
            reported = new ObjectMapper().readTree(answer.body()).path("usage");
          }
        }
      }
    }
    long input = reported.path("prompt_tokens").asLong();
    long output = reported.path("completion_tokens").asLong();
    assertThat(input).isPositive();
    assertThat(registry.get("gearbox.usage.tokens").tags("tier", "large", "kind", "input").counter().count())
        .isEqualTo(input);
    assertThat(registry.get("gearbox.usage.tokens").tags("tier", "large", "kind", "output").counter().count())
        .isEqualTo(output);
    assertThat(registry.get("gearbox.usage.cost").tag("tier", "large").counter().count())
        .isCloseTo((input * 5 + output * 15) / 1e6, within(1e-12));
    assertThat(registry.get("gearbox.usage.responses").tag("usage", "reported").counter().count()).isEqualTo(1);
    assertThat(registry.get("gearbox.usage.responses").tag("usage", "streamed").counter().count()).isEqualTo(1);
  }

  @Test
  void otherRequestsPassThroughWithoutTheirBody() throws Exception {
    start(policy(RULES), 4096);
    Map<String, String> get = chatHeaders();
    get.put(":method", "GET");
    get.put(":path", "/v1/models");
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      ProcessingResponse answer = envoy.send(EnvoyClient.headers(get, true));

      assertThat(answer.getRequestHeaders().getResponse().hasHeaderMutation()).isFalse();
      assertThat(answer.getModeOverride().getRequestBodyMode().name()).isEqualTo("NONE");
      assertThat(answer.getModeOverride().getResponseHeaderMode().name()).as("nothing to echo or meter")
          .isEqualTo("SKIP");
    }
  }

  /**
   * Issue 18 #8: a client's own x-gearbox-tier and x-gearbox-decision went on, posing as the router's; the router
   * removes them itself, whatever Envoy's configuration (the chart's Envoy strips them too).
   */
  @Test
  void aClientsOwnRouterHeadersAreRemoved() throws Exception {
    start(policy(RULES), 4096);
    Map<String, String> get = chatHeaders();
    get.put(":method", "GET");
    get.put("x-gearbox-tier", "large");
    get.put("x-gearbox-decision", "rule:vip");
    Map<String, String> post = chatHeaders();
    post.put("x-gearbox-cluster", "team.large");
    try (EnvoyClient passThrough = new EnvoyClient(channel); EnvoyClient routed = new EnvoyClient(channel)) {
      CommonResponse passed = passThrough.send(EnvoyClient.headers(get, true)).getRequestHeaders().getResponse();
      assertThat(passed.getHeaderMutation().getRemoveHeadersList())
          .containsExactlyInAnyOrder("x-gearbox-tier", "x-gearbox-decision");
      assertThat(passed.getClearRouteCache()).isTrue();

      CommonResponse waiting = routed.send(EnvoyClient.headers(post, false)).getRequestHeaders().getResponse();
      assertThat(waiting.getHeaderMutation().getRemoveHeadersList()).containsExactly("x-gearbox-cluster");
      routed.send(EnvoyClient.body(chat("auto", "hi")));
    }
  }

  @Test
  void shadowModeOnlyAnnouncesItsTier() throws Exception {
    start(policy(RULES + "mode: Shadow\n"), 4096);
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(chatHeaders(), false));
      CommonResponse answer = envoy.send(EnvoyClient.body(chat("auto", "prove it"))).getRequestBody().getResponse();

      assertThat(setHeaders(answer)).containsExactly(Map.entry("x-gearbox-shadow-tier", "large"));
      assertThat(answer.hasBodyMutation()).isFalse();
      assertThat(answer.getClearRouteCache()).isFalse();
    }
    assertThat(registry.get("gearbox.shadow.disagreements").counter().count()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} with FailOpen")
  @CsvSource({
      "malformed_json, application/json, '{\"model\": \"auto\", \"messages\": ['",
      "empty_body, application/json, ''",
      "body_too_large, application/json, OVERSIZED"})
  void failOpenSendsTheUntouchedBodyToTheDefaultTier(String reason, String contentType, String body)
      throws Exception {
    start(policy(RULES), 200);
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(withContentType(contentType), false));
      CommonResponse answer = envoy.send(EnvoyClient.body(bodyFor(body))).getRequestBody().getResponse();

      assertThat(setHeaders(answer)).containsEntry("x-gearbox-tier", "medium")
          .containsEntry("x-gearbox-cluster", "team.medium")
          .containsEntry("x-gearbox-decision", "failopen:" + reason);
      assertThat(answer.hasBodyMutation()).isFalse();
    }
    assertThat(registry.get("gearbox.failures").tags("reason", reason, "outcome", "fail_open").counter().count())
        .isEqualTo(1);
  }

  /** Issue 18 #7: the default tier used to get "model": "auto", which it does not serve. */
  @Test
  void failOpenOnAReadableBodyRewritesTheModelToTheDefaultTiers() throws Exception {
    start(policy(RULES), 4096);
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(chatHeaders(), false));
      CommonResponse answer = envoy.send(EnvoyClient.body(bodyFor("EXPLODE"))).getRequestBody().getResponse();

      assertThat(setHeaders(answer)).containsEntry("x-gearbox-decision", "failopen:internal_error");
      String expected = new String(bodyFor("EXPLODE"), StandardCharsets.UTF_8)
          .replace("\"auto\"", "\"medium-model\"");
      assertThat(answer.getBodyMutation().getBody().toStringUtf8()).isEqualTo(expected);
      assertThat(setHeaders(answer)).containsEntry("content-length", Integer.toString(expected.length()));
    }
  }

  @ParameterizedTest(name = "{0} with FailClose")
  @CsvSource({
      "malformed_json, 400, invalid_request_error, '{\"model\": \"auto\", \"messages\": ['",
      "empty_body, 400, invalid_request_error, ''",
      "body_too_large, 400, invalid_request_error, OVERSIZED",
      "internal_error, 500, server_error, EXPLODE"})
  void failCloseAnswersWithAJsonError(String reason, int status, String type, String body) throws Exception {
    start(policy(RULES + "failureMode: FailClose\n"), 200);
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(withContentType("application/json"), false));
      ProcessingResponse answer = envoy.send(EnvoyClient.body(bodyFor(body)));

      assertThat(answer.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(status);
      assertThat(answer.getImmediateResponse().getBody().toStringUtf8())
          .startsWith("{\"error\":{\"message\":\"")
          .endsWith("\"type\":\"" + type + "\",\"code\":\"" + reason + "\"}}");
    }
  }

  @Test
  void nonJsonContentTypeIsDecidedAtTheHeaders() throws Exception {
    start(policy(RULES + "failureMode: FailClose\n"), 4096);
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      ProcessingResponse answer = envoy.send(EnvoyClient.headers(withContentType("text/plain"), false));

      assertThat(answer.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(400);
      assertThat(answer.getImmediateResponse().getBody().toStringUtf8()).contains("unsupported_content_type");
    }
  }

  @Test
  void nonJsonContentTypeFailsOpenAtTheHeaders() throws Exception {
    start(policy(RULES), 4096);
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      ProcessingResponse answer = envoy.send(EnvoyClient.headers(withContentType("text/plain"), false));

      assertThat(setHeaders(answer.getRequestHeaders().getResponse()))
          .containsEntry("x-gearbox-decision", "failopen:unsupported_content_type");
      assertThat(answer.getModeOverride().getRequestBodyMode().name()).isEqualTo("NONE");
      assertThat(answer.getModeOverride().getResponseHeaderMode().name()).as("its answer, from the default tier, is "
          + "echoed and metered").isEqualTo("DEFAULT");
    }
  }

  @Test
  void noReadyTierIs503WithFailCloseAndDefaultTierWithFailOpen() throws Exception {
    String down = "status: {conditions: [{type: Ready, status: \"False\"}]}\nspec:";
    String allDown = TIERS.replace("spec:", down);
    for (String mode : List.of("FailClose", "FailOpen")) {
      SnapshotHolder holder = new SnapshotHolder(() -> { });
      holder.apply(new SnapshotBuilder.Result(snapshot(allDown + "---\n" + policy("failureMode: " + mode)),
          List.of()));
      RequestRouter router = new RequestRouter(holder, RouterSettings.defaults(), new RouterMetrics(registry));

      var result = router.onBody(chatHeaders(), chat("auto", "hi"));

      if (mode.equals("FailClose")) {
        var rejected = Fixtures.as(RouteResult.Rejected.class, result);
        assertThat(rejected.status()).isEqualTo(503);
        assertThat(EnvoyMessages.reject(rejected).getImmediateResponse().getBody().toStringUtf8())
            .contains("\"type\":\"service_unavailable\"", "\"code\":\"no_ready_tier\"");
      } else {
        assertThat(result.setHeaders()).containsEntry("x-gearbox-tier", "medium");
      }
    }
  }

  @Test
  void aModelNoPolicyGovernsPassesThroughOrIsRejected() throws Exception {
    start(policy(RULES), 4096);
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(chatHeaders(), false));
      CommonResponse answer = envoy.send(EnvoyClient.body(chat("gpt-4o", "hi"))).getRequestBody().getResponse();

      assertThat(answer.hasHeaderMutation()).isFalse();
      assertThat(answer.hasBodyMutation()).isFalse();
    }
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    holder.apply(new SnapshotBuilder.Result(snapshot(TIERS + "---\n" + policy("")), List.of()));
    RequestRouter strict = new RequestRouter(holder, new RouterSettings(4096, RouterSettings.OPENAI_PATHS,
        dev.gearbox.api.v1alpha1.RoutingPolicySpec.FailureMode.FailClose), new RouterMetrics(registry));
    var rejected = Fixtures.as(RouteResult.Rejected.class, strict.onBody(chatHeaders(), chat("gpt-4o", "hi")));
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.error()).isEqualTo("no RoutingPolicy governs model \"gpt-4o\"");
  }

  @Test
  void aCancelledStreamFreesItsState() throws Exception {
    start(policy(RULES), 4096);
    EnvoyClient envoy = new EnvoyClient(channel);
    envoy.send(EnvoyClient.headers(chatHeaders(), false));
    assertThat(service.openStreams()).isEqualTo(1);

    envoy.cancel();

    await().until(() -> service.openStreams() == 0);
  }

  /** Rule-only, or with a rule that may run a model but is not reached: decided on the transport thread. */
  @ParameterizedTest
  @ValueSource(strings = {"rules:\n  - {name: hard, tier: large, keywords: {any: [prove]}}\n", RULES})
  void aDecisionThatNeedsNoModelIsMadeWithoutTheWorkers(String rules) throws Exception {
    start(policy(rules), 4096, EXPLODING, refusingWorkers());
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(chatHeaders(), false));
      CommonResponse answer = envoy.send(EnvoyClient.body(chat("auto", "prove it"))).getRequestBody().getResponse();

      assertThat(setHeaders(answer)).containsEntry("x-gearbox-decision", "rule:hard");
    }
  }

  @Test
  void aLargeBodyGoesToTheWorkersEvenUnderARuleOnlyPolicy() throws Exception {
    start(policy("rules:\n  - {name: hard, tier: large, keywords: {any: [prove]}}\n"), 1 << 20, EXPLODING,
        refusingWorkers());
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(chatHeaders(), false));
      String prompt = "prove it ".repeat(ProcessingStream.INLINE_MAX_BYTES / 9 + 1);
      CommonResponse answer = envoy.send(EnvoyClient.body(chat("auto", prompt))).getRequestBody().getResponse();

      assertThat(setHeaders(answer)).containsEntry("x-gearbox-decision", "failopen:overloaded");
    }
  }

  @Test
  void aDecisionThatNeedsAModelFailsOpenWhenTheWorkersAreFull() throws Exception {
    start(policy(RULES), 4096, EXPLODING, refusingWorkers());
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(chatHeaders(), false));
      CommonResponse answer = envoy.send(EnvoyClient.body(chat("auto", "hello"))).getRequestBody().getResponse();

      assertThat(setHeaders(answer)).containsEntry("x-gearbox-tier", "medium")
          .containsEntry("x-gearbox-decision", "failopen:overloaded");
      assertThat(answer.getBodyMutation().getBody().toStringUtf8()).contains("\"model\":\"medium-model\"");
    }
    assertThat(registry.get("gearbox.failures").tags("reason", "overloaded", "outcome", "fail_open").counter()
        .count()).isEqualTo(1);
  }

  @Test
  void aDecisionThatNeedsAModelAnswers503WhenTheWorkersAreFullAndItFailsClosed() throws Exception {
    start(policy(RULES + "failureMode: FailClose\n"), 4096, EXPLODING, refusingWorkers());
    try (EnvoyClient envoy = new EnvoyClient(channel)) {
      envoy.send(EnvoyClient.headers(chatHeaders(), false));
      ProcessingResponse answer = envoy.send(EnvoyClient.body(chat("auto", "hello")));

      assertThat(answer.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(503);
      assertThat(answer.getImmediateResponse().getBody().toStringUtf8()).contains("\"code\":\"overloaded\"");
    }
  }

  @Test
  void aStreamCancelledWhileAWorkerDecidesEndsCleanly() throws Exception {
    CountDownLatch deciding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> decidedOn = new AtomicReference<>();
    Classifiers slow = complexityOnly(request -> {
      decidedOn.set(Thread.currentThread().getName());
      deciding.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    });
    start(policy(RULES), 4096, slow, Executors.newFixedThreadPool(1, r -> new Thread(r, "test-worker")));
    EnvoyClient envoy = new EnvoyClient(channel);
    envoy.send(EnvoyClient.headers(chatHeaders(), false));
    envoy.post(EnvoyClient.body(chat("auto", "hello")));
    assertThat(deciding.await(10, TimeUnit.SECONDS)).isTrue();

    envoy.cancel();
    release.countDown();

    await().until(() -> service.openStreams() == 0);
    assertThat(decidedOn.get()).isEqualTo("test-worker");
  }

  /** Workers that refuse every task, as a full queue does. */
  private static ExecutorService refusingWorkers() {
    ExecutorService workers = Executors.newSingleThreadExecutor();
    workers.shutdown();
    return workers;
  }

  @Test
  void healthIsServingOnceAPolicyIsLoaded() throws Exception {
    start(policy(RULES), 4096);

    var health = HealthGrpc.newBlockingStub(channel);
    assertThat(health.check(HealthCheckRequest.newBuilder().build()).getStatus()).isEqualTo(ServingStatus.SERVING);
    assertThat(health.check(HealthCheckRequest.newBuilder()
        .setService("envoy.service.ext_proc.v3.ExternalProcessor").build()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertThat(server.ready()).isTrue();
  }

  private static Map<String, String> withContentType(String contentType) {
    Map<String, String> headers = chatHeaders();
    headers.put("content-type", contentType);
    return headers;
  }

  private static byte[] bodyFor(String spec) {
    if (spec.equals("OVERSIZED")) {
      return chat("auto", "x".repeat(300));
    }
    if (spec.equals("EXPLODE")) {
      return chat("auto", "please explode");
    }
    return spec.getBytes(StandardCharsets.UTF_8);
  }
}
