package dev.gearbox.bench;

import dev.gearbox.router.request.TokenUsage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reading the usage of a whole chat completion, as the router does on the transport thread for each answer it
 * meters: the answer's text is skipped unparsed, so the cost grows with its length, up to the 256 KiB asked for.
 */
@State(Scope.Benchmark)
public class UsageBenchmark extends BenchDefaults {
  @Param({"1000", "16000", "256000"})
  int answerChars;

  private byte[] body;

  @Setup
  public void setUp() {
    String answer = BenchRouters.prompt(answerChars);
    body = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1764590000,\"model\":\"qwen-small\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + answer + "\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":" + answerChars / 4
        + ",\"total_tokens\":" + (120 + answerChars / 4) + "}}").getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public Optional<TokenUsage> readUsage() {
    return TokenUsage.read(body);
  }
}
