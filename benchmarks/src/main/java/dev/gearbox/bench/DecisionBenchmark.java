package dev.gearbox.bench;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.request.BodyParser;
import dev.gearbox.router.request.MalformedRequestException;
import dev.gearbox.router.request.ParsedBody;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.PolicyCompiler;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.SnapshotBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The rule-only decision pipeline as the server runs it for one body: parse, select the policy, run the rules,
 * rewrite the model. Prompts vary in length, policies in rule count; no rule matches, so every rule runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {
  @Param({"100", "1000", "10000"})
  int promptChars;

  @Param({"4", "16", "64"})
  int rules;

  private RequestRouter router;
  private Map<String, String> headers;
  private byte[] body;

  @Setup
  public void setUp() {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: gearbox.dev/v1alpha1
        kind: ModelTier
        metadata: {name: small}
        spec: {model: small-model, rank: 0, endpoint: {url: "http://small/v1"}}
        ---
        apiVersion: gearbox.dev/v1alpha1
        kind: ModelTier
        metadata: {name: large}
        spec: {model: large-model, rank: 1, endpoint: {url: "http://large/v1"}}
        ---
        apiVersion: gearbox.dev/v1alpha1
        kind: RoutingPolicy
        metadata: {name: auto}
        spec:
          match: {models: [auto]}
          tiers: [small, large]
          defaultTier: small
          rules:
        """);
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
    List<String> errors = new ArrayList<>();
    List<HasMetadata> resources = new ResourceFiles("default").parse("bench", yaml.toString(), errors);
    if (!errors.isEmpty()) {
      throw new IllegalStateException(errors.toString());
    }
    SnapshotBuilder.Result result = new SnapshotBuilder(
        new PolicyCompiler(Classifiers.unavailable(), new SessionStores(), true)).build(PolicySnapshot.EMPTY,
        resources.stream().filter(RoutingPolicy.class::isInstance).map(RoutingPolicy.class::cast).toList(),
        resources.stream().filter(ModelTier.class::isInstance).map(ModelTier.class::cast).toList());
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    holder.apply(result);
    router = new RequestRouter(holder, RouterSettings.defaults(), RouterEvents.NONE);
    headers = Map.of(":method", "POST", ":path", "/v1/chat/completions", "content-type", "application/json");
    String prompt = "Please summarise the meeting notes and list the open actions for the team. "
        .repeat(promptChars / 75 + 1).substring(0, promptChars);
    body = ("{\"model\":\"auto\",\"temperature\":0.3,\"messages\":[{\"role\":\"system\",\"content\":\"You are helpful.\"},"
        + "{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}").getBytes(StandardCharsets.UTF_8);
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
