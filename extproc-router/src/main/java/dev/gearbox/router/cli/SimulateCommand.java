package dev.gearbox.router.cli;

import dev.gearbox.router.simulator.SimulatorServer;
import dev.gearbox.router.simulator.SimulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** A model server without a GPU, for the local end-to-end path (README) and for trying dashboards and autoscaling. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run an OpenAI-compatible model-server simulator: POST /v1/chat/completions (streaming too, with "
        + "usage), GET /v1/models, /health and vLLM-style /metrics (vllm:num_requests_waiting, ...). Replies echo "
        + "the last user message unless --reply is given. A request for another model than --model gets 404, as "
        + "from vLLM, so a route that forgot to rewrite the model shows.")
final class SimulateCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SimulateCommand.class);

  @Option(names = "--port", defaultValue = "8001", description = "HTTP port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(names = "--model", required = true, description = "The model name it serves, e.g. small.")
  String model;

  @Option(names = "--reply", description = "Answer every request with this text instead of echoing.")
  String reply;

  @Option(names = "--latency-ms", defaultValue = "50", description = "Time to the first token. Default: ${DEFAULT-VALUE}.")
  long latencyMs;

  @Option(names = "--inter-token-ms", defaultValue = "10",
      description = "Time between words of the reply. Default: ${DEFAULT-VALUE}.")
  long interTokenMs;

  @Option(names = "--failure-rate", defaultValue = "0", description = "Share of requests answered 500, 0 to 1. "
      + "Default: ${DEFAULT-VALUE}.")
  double failureRate;

  @Option(names = "--max-concurrency", defaultValue = "8", description = "Requests answered at once; the rest "
      + "wait (vllm:num_requests_waiting). Default: ${DEFAULT-VALUE}.")
  int maxConcurrency;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the failure dice. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws Exception {
    SimulatorSettings settings;
    try {
      settings = new SimulatorSettings(bind, port, model, reply, Duration.ofMillis(latencyMs),
          Duration.ofMillis(interTokenMs), failureRate, maxConcurrency, seed);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    SimulatorServer server = CliErrors.listen("--port", bind, port, () -> new SimulatorServer(settings));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "shutdown"));
    LOG.info("simulating model {} on http://{}:{}/v1 (latency {} ms, failure rate {})", model, bind, server.port(),
        latencyMs, failureRate);
    stopped.await();
    return 0;
  }
}
