package dev.gearbox.router.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator over loopback HTTP, as Envoy and a client would see it. */
class SimulatorServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ASK = """
      {"model": "small", "messages": [{"role": "system", "content": "Be brief."},
        {"role": "user", "content": "What is the capital of Canada?"}]%s}""";

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private SimulatorServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(double failureRate) throws Exception {
    server = new SimulatorServer(new SimulatorSettings("127.0.0.1", 0, "small", null, Duration.ZERO, Duration.ZERO,
        failureRate, 4, 7));
  }

  private HttpResponse<String> post(String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void aChatCompletionEchoesWithUsage() throws Exception {
    start(0);
    HttpResponse<String> response = post(ASK.formatted(""));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("model").asText()).isEqualTo("small");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("[small] You asked: What is the capital of Canada?");
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(8);
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(9);
    assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(17);
  }

  @Test
  void aStreamedCompletionIsServerSentEventsEndingInDone() throws Exception {
    start(0);
    HttpResponse<String> response = post(ASK.formatted(", \"stream\": true, \"stream_options\": {\"include_usage\": true}"));

    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<String> events = response.body().lines().filter(l -> l.startsWith("data: "))
        .map(l -> l.substring("data: ".length())).toList();
    assertThat(events).last().isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    for (String event : events.subList(0, events.size() - 2)) {
      text.append(JSON.readTree(event).at("/choices/0/delta/content").asText(""));
    }
    assertThat(text).hasToString("[small] You asked: What is the capital of Canada?");
    assertThat(JSON.readTree(events.get(events.size() - 3)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(JSON.readTree(events.get(events.size() - 2)).at("/usage/completion_tokens").asInt()).isEqualTo(9);
  }

  @Test
  void anotherModelIsNotFoundAndBadJsonIsABadRequest() throws Exception {
    start(0);

    assertThat(post(ASK.formatted("").replace("\"small\"", "\"auto\"")).statusCode()).isEqualTo(404);
    assertThat(post("{not json").statusCode()).isEqualTo(400);
  }

  @Test
  void metricsUseVllmNamesAndCountTokens() throws Exception {
    start(0);
    post(ASK.formatted(""));

    assertThat(get("/metrics")).contains(
        "vllm:num_requests_waiting{model_name=\"small\"} 0.0",
        "vllm:num_requests_running{model_name=\"small\"} 0.0",
        "vllm:prompt_tokens_total{model_name=\"small\"} 8.0",
        "vllm:generation_tokens_total{model_name=\"small\"} 9.0",
        "vllm:request_success_total{finished_reason=\"stop\",model_name=\"small\"} 1.0");
    assertThat(get("/v1/models")).contains("\"id\":\"small\"");
  }

  @Test
  void aFailureRateOfOneFailsEveryRequestAndZeroNone() throws Exception {
    start(1);
    for (int i = 0; i < 5; i++) {
      assertThat(post(ASK.formatted("")).statusCode()).isEqualTo(500);
    }
    assertThat(get("/metrics")).contains("simulator_injected_failures_total{model_name=\"small\"} 5.0");
    server.close();

    start(0);
    for (int i = 0; i < 5; i++) {
      assertThat(post(ASK.formatted("")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aFailureRateInBetweenFailsAboutThatShare() throws Exception {
    start(0.3);
    int failed = 0;
    for (int i = 0; i < 200; i++) {
      failed += post(ASK.formatted("")).statusCode() == 500 ? 1 : 0;
    }
    // seeded dice: a fixed count, near 30% of 200
    assertThat(failed).isBetween(40, 80);
  }

  @Test
  void requestsBeyondMaxConcurrencyWaitAndShowInTheQueueMetric() throws Exception {
    server = new SimulatorServer(new SimulatorSettings("127.0.0.1", 0, "small", null, Duration.ofSeconds(2),
        Duration.ZERO, 0, 1, 7));
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
              + "/v1/chat/completions")).timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString(ASK.formatted(""))).build(), HttpResponse.BodyHandlers.ofString()));
    }

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/metrics"))
        .contains("vllm:num_requests_running{model_name=\"small\"} 1.0",
            "vllm:num_requests_waiting{model_name=\"small\"} 2.0"));
    for (var answer : answers) {
      assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(get("/metrics")).contains("vllm:num_requests_waiting{model_name=\"small\"} 0.0",
        "vllm:num_requests_running{model_name=\"small\"} 0.0");
  }
}
