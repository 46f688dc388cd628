package dev.gearbox.router;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.api.v1alpha1.ScoreRange;
import dev.gearbox.api.v1alpha1.Semantic;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.Condition;
import dev.gearbox.router.routing.InlineAttempt;
import dev.gearbox.router.routing.PolicyCompiler;
import dev.gearbox.router.routing.PolicyData;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.RequestContext;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.SnapshotBuilder;
import dev.gearbox.router.routing.TierEstimator;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Policies and requests written for the tests. */
public final class Fixtures {
  /** Three tiers; the optional status lines make a tier unready. */
  public static final String TIERS = """
      apiVersion: gearbox.dev/v1alpha1
      kind: ModelTier
      metadata: {name: small, namespace: team}
      spec: {model: small-model, rank: 0, endpoint: {url: "http://small:8000/v1"}, pricing: {inputPerMillion: 0.1, outputPerMillion: 0.2}}
      ---
      apiVersion: gearbox.dev/v1alpha1
      kind: ModelTier
      metadata: {name: medium, namespace: team}
      spec: {model: medium-model, rank: 1, endpoint: {url: "http://medium:8000/v1"}}
      ---
      apiVersion: gearbox.dev/v1alpha1
      kind: ModelTier
      metadata: {name: large, namespace: team}
      spec: {model: large-model, rank: 2, endpoint: {url: "http://large:8000/v1"}, pricing: {inputPerMillion: 5, outputPerMillion: 15}}
      """;

  /** A policy header; append "  rules: ..." etc. */
  public static String policy(String specBody) {
    return """
        apiVersion: gearbox.dev/v1alpha1
        kind: RoutingPolicy
        metadata: {name: auto, namespace: team}
        spec:
          match: {models: [auto]}
          tiers: [small, medium, large]
          defaultTier: medium
        """ + specBody.indent(2);
  }

  public static PolicySnapshot snapshot(String yaml) {
    return snapshot(yaml, Classifiers.unavailable());
  }

  public static PolicySnapshot snapshot(String yaml, Classifiers classifiers) {
    return snapshot(yaml, classifiers, new SessionStores());
  }

  public static PolicySnapshot snapshot(String yaml, Classifiers classifiers, SessionStores sessions) {
    List<String> errors = new ArrayList<>();
    List<HasMetadata> resources = new ResourceFiles("team").parse("test.yaml", yaml, errors);
    assertThat(errors).isEmpty();
    List<ModelTier> tiers = resources.stream().filter(ModelTier.class::isInstance).map(ModelTier.class::cast).toList();
    List<RoutingPolicy> policies = resources.stream().filter(RoutingPolicy.class::isInstance)
        .map(RoutingPolicy.class::cast).toList();
    SnapshotBuilder.Result result = new SnapshotBuilder(new PolicyCompiler(classifiers, sessions, true))
        .build(PolicySnapshot.EMPTY, policies, tiers);
    assertThat(result.errors()).isEmpty();
    return result.snapshot();
  }

  /** Headers Envoy sends for a chat completion. */
  /** {@code result} as the outcome it must be: fails the test when it is another. */
  public static <T extends InlineAttempt> T as(Class<T> outcome, InlineAttempt result) {
    assertThat(result).isInstanceOf(outcome);
    return outcome.cast(result);
  }

  public static Map<String, String> chatHeaders() {
    Map<String, String> headers = new HashMap<>();
    headers.put(":method", "POST");
    headers.put(":path", "/v1/chat/completions");
    headers.put(":authority", "gateway.example.com");
    headers.put("content-type", "application/json");
    return headers;
  }

  public static byte[] chat(String model, String... userMessages) {
    StringBuilder messages = new StringBuilder();
    for (String m : userMessages) {
      if (!messages.isEmpty()) {
        messages.append(',');
      }
      messages.append("{\"role\":\"user\",\"content\":\"").append(m).append("\"}");
    }
    return ("{\"model\":\"" + model + "\",\"messages\":[" + messages + "],\"temperature\":0.2}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Classifiers with only a complexity signal, which runs {@code test} and, like the real one, may run a model. */
  public static Classifiers complexityOnly(Predicate<RequestContext> test) {
    return new Classifiers() {
      @Override
      public Condition semantic(Semantic semantic, Scope scope, EmbeddingModel embedding) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Condition complexity(ScoreRange range, Scope scope, EmbeddingModel embedding) {
        return expensive(test);
      }

      @Override
      public TierEstimator estimator(String policyId, Complexity complexity, int tierCount, EmbeddingModel embedding,
        PolicyData.Bound data) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /** A condition that runs a "model", as the real complexity and semantic ones do: refused on a transport thread. */
  private static Condition expensive(Predicate<RequestContext> test) {
    return new Condition() {
      @Override
      public boolean test(RequestContext request) {
        return request.modelRun(this, () -> test.test(request));
      }

      @Override
      public Cost cost() {
        return Cost.EXPENSIVE;
      }
    };
  }

  private Fixtures() {
  }
}
