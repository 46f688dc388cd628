package dev.gearbox.router.simulator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The simulator's /metrics under vLLM's names (label model_name), so autoscaling on vllm:num_requests_waiting and
 * dashboards can be tried without a GPU.
 */
final class SimulatorMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter promptTokens;
  private final Counter generationTokens;
  private final Counter successes;
  private final Counter failures;
  private final Timer latency;

  SimulatorMetrics(String model, Supplier<Number> running, Supplier<Number> waiting) {
    Gauge.builder("vllm:num_requests_running", running).description("Requests being answered")
        .tag("model_name", model).register(registry);
    Gauge.builder("vllm:num_requests_waiting", waiting).description("Requests waiting for a free slot "
        + "(--max-concurrency)").tag("model_name", model).register(registry);
    promptTokens = Counter.builder("vllm:prompt_tokens").description("Prompt tokens processed (words, simulated)")
        .tag("model_name", model).register(registry);
    generationTokens = Counter.builder("vllm:generation_tokens").description("Tokens generated (words, simulated)")
        .tag("model_name", model).register(registry);
    successes = Counter.builder("vllm:request_success").description("Requests answered")
        .tag("model_name", model).tag("finished_reason", "stop").register(registry);
    failures = Counter.builder("simulator.injected.failures").description("Requests answered 500 by --failure-rate")
        .tag("model_name", model).register(registry);
    latency = Timer.builder("vllm:e2e_request_latency").description("Time from request to the reply's end")
        .tag("model_name", model).serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
        .register(registry);
  }

  void answered(SimulatedModel.Reply reply, long startNanos) {
    promptTokens.increment(reply.promptTokens());
    generationTokens.increment(reply.completionTokens());
    successes.increment();
    latency.record(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  void failed() {
    failures.increment();
  }

  String scrape() {
    return registry.scrape();
  }
}
