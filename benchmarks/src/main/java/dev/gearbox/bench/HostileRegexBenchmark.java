package dev.gearbox.bench;

import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.InlineAttempt;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 18's regexes against the prompts built to defeat them, decided as a worker does (scans allowed): under
 * java.util.regex the first hung a stream and the second overflowed the stack; under RE2/J the cost is linear in the
 * prompt. {@code onBodyInline} shows what a transport thread does with them: a {@code PreparedRequest}, i.e. a
 * hand-off, once the scan would pass the inline budget.
 */
@State(Scope.Benchmark)
public class HostileRegexBenchmark extends BenchDefaults {
  @Param({"(.*,){11}\\d", "```(.|\\n)*", "```|\\bdef |\\bclass |#include"})
  String regex;

  @Param({"179", "5000", "65536"})
  int promptChars;

  private RequestRouter router;
  private byte[] body;

  @Setup
  public void setUp() {
    String quoted = regex.replace("\\", "\\\\").replace("\n", "\\n");
    router = BenchRouters.compile(BenchRouters.POLICY + "  rules:\n    - {name: r, tier: large, regex: \"" + quoted
        + "\"}\n", Classifiers.unavailable());
    String hostile = regex.startsWith("```(") ? "```" + "x\\n".repeat(promptChars / 3) : "a,".repeat(promptChars / 2)
        + "!";
    body = BenchRouters.chatBody(hostile);
  }

  @Benchmark
  public RouteResult onWorkers() {
    return router.onBody(BenchRouters.HEADERS, body);
  }

  @Benchmark
  public InlineAttempt onTransport() {
    return router.onBodyInline(BenchRouters.HEADERS, body);
  }
}
