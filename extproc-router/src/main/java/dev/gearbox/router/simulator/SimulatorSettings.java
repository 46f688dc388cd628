package dev.gearbox.router.simulator;

import java.time.Duration;

/**
 * How the simulated model server behaves.
 *
 * @param latency time to the first token (the whole reply waits this long before its words)
 * @param interTokenDelay time between streamed words (and added per word to a non-streamed reply)
 * @param failureRate share of requests answered 500 instead, 0 to 1
 * @param maxConcurrency requests served at once; the rest wait, as vllm:num_requests_waiting shows
 * @param seed seed of the failure dice, so a run can be repeated
 */
public record SimulatorSettings(String bind, int port, String model, String fixedReply, Duration latency,
    Duration interTokenDelay, double failureRate, int maxConcurrency, long seed) {

  public SimulatorSettings {
    if (failureRate < 0 || failureRate > 1) {
      throw new IllegalArgumentException("failure rate must be between 0 and 1, got " + failureRate);
    }
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("max concurrency must be at least 1, got " + maxConcurrency);
    }
  }
}
