package dev.gearbox.bench;

import dev.gearbox.router.request.BodyParser;
import dev.gearbox.router.request.MalformedRequestException;
import dev.gearbox.router.request.ParsedBody;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;

/**
 * The rule-only decision pipeline as the server runs it for one body: parse, select the policy, run the rules,
 * rewrite the model. Prompts vary in length, policies in rule count; no rule matches, so every rule runs.
 */
@State(Scope.Benchmark)
public class DecisionBenchmark extends BenchDefaults {
  @Param({"100", "1000", "10000"})
  int promptChars;

  @Param({"4", "16", "64"})
  int rules;

  private RequestRouter router;
  private Map<String, String> headers;
  private byte[] body;

  @Setup
  public void setUp() {
    StringBuilder yaml = new StringBuilder(BenchRouters.POLICY).append("  rules:\n");
    for (int i = 0; i < rules; i++) {
      switch (i % 4) {
        case 0 -> yaml.append("    - {name: kw-").append(i).append(", tier: large, keywords: {any: [zebra").append(i)
            .append(", quokka").append(i).append(", \"never seen ").append(i).append("\"]}}\n");
        case 1 -> yaml.append("    - {name: re-").append(i).append(", tier: large, regex: \"\\\\bxyzzy").append(i)
            .append("\\\\d+\"}\n");
        case 2 -> yaml.append("    - {name: tok-").append(i).append(", tier: large, promptTokens: {min: 1000000}}\n");
        default -> yaml.append("    - {name: hdr-").append(i).append(", tier: large, header: {name: x-tier-").append(i)
            .append("}}\n");
      }
    }
    router = BenchRouters.compile(yaml.toString(), Classifiers.unavailable());
    headers = BenchRouters.HEADERS;
    body = BenchRouters.chatBody(BenchRouters.prompt(promptChars));
  }

  @Benchmark
  public RouteResult decide() {
    return router.onBody(headers, body);
  }

  @Benchmark
  public ParsedBody parseOnly() throws MalformedRequestException {
    return BodyParser.parse(body);
  }
}
