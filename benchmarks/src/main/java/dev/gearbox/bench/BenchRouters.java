package dev.gearbox.bench;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.PolicyCompiler;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.SnapshotBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the benchmarks share: a router compiled from policy YAML, and Envoy-shaped request headers and bodies. */
final class BenchRouters {
  static final Map<String, String> HEADERS =
      Map.of(":method", "POST", ":path", "/v1/chat/completions", "content-type", "application/json");

  /** Two external tiers, {@code small} and {@code large}; a policy under test follows them. */
  static final String TIERS = """
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
      """;

  /** A policy over those tiers for requests asking for "auto"; a benchmark appends its rules or estimator. */
  static final String POLICY = TIERS + """
      apiVersion: gearbox.dev/v1alpha1
      kind: RoutingPolicy
      metadata: {name: auto}
      spec:
        match: {models: [auto]}
        tiers: [small, large]
        defaultTier: small
      """;

  private BenchRouters() {
  }

  static RequestRouter compile(String yaml, Classifiers classifiers) {
    SnapshotBuilder.Result result = build(new SnapshotBuilder(new PolicyCompiler(classifiers, new SessionStores(),
        true)), PolicySnapshot.EMPTY, yaml);
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    holder.apply(result);
    if (holder.get().isEmpty()) {
      throw new IllegalStateException("the benchmark policy did not compile: " + result);
    }
    return new RequestRouter(holder, RouterSettings.defaults(), RouterEvents.NONE);
  }

  /** An English prompt of exactly {@code chars} characters. */
  /** Policies and tiers as the informers hold them. */
  record Resources(List<RoutingPolicy> policies, List<ModelTier> tiers) {
  }

  static Resources parse(String yaml) {
    List<String> errors = new ArrayList<>();
    List<HasMetadata> resources = new ResourceFiles("default").parse("bench", yaml, errors);
    if (!errors.isEmpty()) {
      throw new IllegalStateException(errors.toString());
    }
    return new Resources(
        resources.stream().filter(RoutingPolicy.class::isInstance).map(RoutingPolicy.class::cast).toList(),
        resources.stream().filter(ModelTier.class::isInstance).map(ModelTier.class::cast).toList());
  }

  /** The resources in {@code yaml} compiled by {@code builder} over {@code previous}. */
  static SnapshotBuilder.Result build(SnapshotBuilder builder, PolicySnapshot previous, String yaml) {
    Resources resources = parse(yaml);
    return builder.build(previous, resources.policies(), resources.tiers());
  }

  static String prompt(int chars) {
    return "Please summarise the meeting notes and list the open actions for the team. "
        .repeat(chars / 75 + 1).substring(0, chars);
  }

  /**
   * A conversation of {@code turns} user turns (each {@code chars} long, starting with {@code tag}) with an
   * assistant answer between them.
   */
  static byte[] conversationBody(int turns, int chars, String tag) {
    StringBuilder messages = new StringBuilder("{\"role\":\"system\",\"content\":\"You are helpful.\"}");
    for (int i = 0; i < turns; i++) {
      messages.append(",{\"role\":\"user\",\"content\":\"").append(tag).append(i).append(' ').append(prompt(chars))
          .append("\"}");
      if (i < turns - 1) {
        messages.append(",{\"role\":\"assistant\",\"content\":\"").append(prompt(chars * 2)).append("\"}");
      }
    }
    return ("{\"model\":\"auto\",\"messages\":[" + messages + "]}").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] chatBody(String prompt) {
    return ("{\"model\":\"auto\",\"temperature\":0.3,\"messages\":[{\"role\":\"system\",\"content\":\"You are helpful.\"},"
        + "{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}").getBytes(StandardCharsets.UTF_8);
  }
}
