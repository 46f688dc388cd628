package dev.gearbox.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.router.load.EnvoyExchange;
import dev.gearbox.router.load.HostileExchanges;
import dev.gearbox.router.load.LoadDriver;
import dev.gearbox.router.routing.RouterSettings;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Load driver for a running router on this machine. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Replay Envoy-shaped ext_proc exchanges against a router on loopback and print throughput and "
        + "latency percentiles. Open loop with --rate, closed loop with --concurrency.")
final class LoadCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> HEADERS = Map.of(":method", "POST", ":path", "/v1/chat/completions",
      ":authority", "localhost", "content-type", "application/json");

  @Option(names = "--target", defaultValue = "127.0.0.1:50051", description = "Router address (loopback only). Default: ${DEFAULT-VALUE}.")
  String target;

  @Option(names = "--input", description = "JSONL of prompts ({\"prompt\": ...}); without it, synthetic chat bodies.")
  Path input;

  @Option(names = "--body-bytes", defaultValue = "4096", description = "Size of synthetic bodies. Default: ${DEFAULT-VALUE}.")
  int bodyBytes;

  @Option(names = "--model", defaultValue = "auto", description = "Requested model. Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--rate", description = "Open loop: requests per second.")
  Double rate;

  @Option(names = "--concurrency", defaultValue = "16", description = "Closed loop: requests in flight. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--duration", defaultValue = "20", description = "Seconds (at most 900). Default: ${DEFAULT-VALUE}.")
  double duration;

  @Option(names = "--hostile-every", defaultValue = "0", description = "After every N requests, one of issue 18's "
      + "hostile requests (malformed, mis-encoded, oversized, ...; see HostileExchanges), in turn. 0: none. "
      + "Default: ${DEFAULT-VALUE}.")
  int hostileEvery;

  @Option(names = "--answer-chars", defaultValue = "0", description = "After each routed request, a tier's answer "
      + "to pass through the router: a JSON chat completion of this many characters with its usage, as Envoy sends "
      + "it (headers, then the body if the router asks for it), timed on its own. 0: none. Default: ${DEFAULT-VALUE}.")
  int answerChars;

  @Option(names = "--max-body-bytes", defaultValue = "" + RouterSettings.DEFAULT_MAX_BODY_BYTES, description = "The router's --max-body-bytes, for "
      + "the hostile oversized body. Default: ${DEFAULT-VALUE}.")
  int maxBodyBytes;

  @Option(names = "--requests", defaultValue = "1000000", description = "At most this many requests. Default: ${DEFAULT-VALUE}.")
  long maxRequests;

  @Option(names = "--warmup", defaultValue = "5", description = "Seconds of unrecorded warm-up first. Default: ${DEFAULT-VALUE}.")
  double warmup;

  @Option(names = "--connections", defaultValue = "2", description = "HTTP/2 connections. Default: ${DEFAULT-VALUE}.")
  int connections;

  @Override
  public Integer call() throws Exception {
    String[] hostPort = target.split(":");
    if (!InetAddress.getByName(hostPort[0]).isLoopbackAddress()) {
      System.err.println("the load driver only targets loopback addresses, not " + target);
      return 2;
    }
    duration = Math.min(duration, 900);
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      // The driver's callbacks only send the body or record a time: running them on the transport threads keeps
      // thread hand-offs inside the measuring tool out of the figures.
      channels.add(NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext()
          .directExecutor().build());
    }
    try {
      List<EnvoyExchange> exchanges = answerChars > 0
          ? exchanges().stream().map(e -> e.answeredWith(answerChars)).toList() : exchanges();
      if (warmup > 0) {
        run(new LoadDriver(channels, exchanges), warmup, maxRequests);
      }
      LoadDriver.Result result = run(new LoadDriver(channels, exchanges), duration, maxRequests);
      print(result, exchanges.size());
      return result.failed() == 0 ? 0 : 1;
    } finally {
      for (ManagedChannel channel : channels) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private LoadDriver.Result run(LoadDriver driver, double seconds, long max) throws InterruptedException {
    return rate != null ? driver.openLoop(rate, seconds, max) : driver.closedLoop(concurrency, seconds, max);
  }

  private List<EnvoyExchange> exchanges() throws IOException {
    List<EnvoyExchange> normal = normalExchanges();
    if (hostileEvery <= 0) {
      return normal;
    }
    List<EnvoyExchange> hostile = HostileExchanges.of(HEADERS, maxBodyBytes);
    List<EnvoyExchange> mixed = new ArrayList<>();
    for (int i = 0; i < Math.max(normal.size(), hostileEvery * hostile.size()); i++) {
      mixed.add(normal.get(i % normal.size()));
      if ((i + 1) % hostileEvery == 0) {
        mixed.add(hostile.get((i / hostileEvery) % hostile.size()));
      }
    }
    return mixed;
  }

  private List<EnvoyExchange> normalExchanges() throws IOException {
    Map<String, String> headers = HEADERS;
    List<EnvoyExchange> exchanges = new ArrayList<>();
    if (input == null) {
      String filler = "Summarise the following notes about the quarterly plan. ".repeat(bodyBytes / 57 + 1);
      exchanges.add(EnvoyExchange.of(headers, body(filler.substring(0, Math.max(1, bodyBytes - 120)))));
      return exchanges;
    }
    for (String line : Files.readAllLines(input)) {
      if (!line.isBlank()) {
        JsonNode prompt = JSON.readTree(line).path("prompt");
        if (prompt.isTextual()) {
          exchanges.add(EnvoyExchange.of(headers, body(prompt.asText())));
        }
      }
    }
    if (exchanges.isEmpty()) {
      throw new IllegalArgumentException(input + " holds no {\"prompt\": ...} lines");
    }
    return exchanges;
  }

  private byte[] body(String prompt) throws IOException {
    Map<String, Object> body = Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", prompt)));
    return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
  }

  private void print(LoadDriver.Result result, int distinctBodies) {
    Histogram h = result.latencyNanos();
    System.out.printf("mode:        %s%n", rate != null ? "open loop, " + rate + " req/s" : "closed loop, "
        + concurrency + " in flight");
    System.out.printf("requests:    %d ok, %d failed, %d distinct bodies, %.1f s%n", result.completed(),
        result.failed(), distinctBodies, result.seconds());
    System.out.printf("throughput:  %.0f req/s%n", result.throughput());
    System.out.println("latency ms:  " + percentiles(h) + "  (round trip)");
    if (answerChars > 0) {
      System.out.println("answer ms:   " + percentiles(result.answerNanos())
          + "  (the tier's answer through the router: headers, and the body when asked for)");
    }
    if (rate != null) {
      System.out.println("  scheduled: " + percentiles(result.fromScheduleNanos())
          + "  (from the intended send time: adds the driver's own lateness)");
    }
    System.out.println("answers:     " + result.decisions().entrySet().stream()
        .map(e -> String.format("%s %.1f%%", e.getKey(), 100.0 * e.getValue() / Math.max(1, result.completed())))
        .collect(Collectors.joining(", ")));
    if (result.firstFailure() != null) {
      System.out.println("first failure: " + result.firstFailure());
    }
  }

  private static String percentiles(Histogram h) {
    return String.format("p50 %.3f  p90 %.3f  p99 %.3f  max %.3f", ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
