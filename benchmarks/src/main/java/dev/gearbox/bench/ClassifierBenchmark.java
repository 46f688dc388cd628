package dev.gearbox.bench;

import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.router.classifier.ClassifierSettings;
import dev.gearbox.router.classifier.ComplexityFeatures;
import dev.gearbox.router.classifier.ComplexityScorer;
import dev.gearbox.router.classifier.ComplexityWeights;
import dev.gearbox.router.classifier.Embedder;
import dev.gearbox.router.classifier.EmbeddingModels;
import dev.gearbox.router.classifier.StaticEmbeddings;
import dev.gearbox.router.cli.Wiring;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The model-backed stages of a decision: the whole complexity estimator (normalisation, task features, static
 * embedding, head) and its static embedding alone, one ONNX embedding by window, a semantic rule by example count,
 * the whole pipeline of a policy that uses the estimator, and the same on a long conversation with and without the
 * conversation floor. One ONNX intra-op thread, as served.
 */
public class ClassifierBenchmark extends BenchDefaults {

  @State(Scope.Benchmark)
  public static class Text {
    @Param({"100", "1000", "10000"})
    int promptChars;

    String text;
    ComplexityScorer scorer;

    @Setup
    public void setUp() throws Exception {
      text = BenchRouters.prompt(promptChars);
      ComplexityWeights weights = ComplexityWeights.bundled();
      scorer = new ComplexityScorer(weights,
          new ComplexityFeatures(StaticEmbeddings.bundled(), weights.encoder().buckets()));
    }
  }

  @State(Scope.Benchmark)
  public static class Window {
    @Param({"16", "32", "128"})
    int windowTokens;

    EmbeddingModels models;
    Embedder embedder;

    @Setup
    public void setUp() {
      models = new EmbeddingModels(ClassifierSettings.defaults());
      embedder = models.forPolicy(new EmbeddingModel(null, null, windowTokens));
    }

    @TearDown
    public void tearDown() throws Exception {
      models.close();
    }
  }

  /** A policy whose one semantic rule never matches, so every request is embedded and compared to each example. */
  @State(Scope.Benchmark)
  public static class SemanticPolicy {
    @Param({"1", "16", "128"})
    int examples;

    RequestRouter router;
    byte[] body;

    @Setup
    public void setUp() {
      StringBuilder yaml = new StringBuilder(BenchRouters.POLICY).append("""
            rules:
              - name: similar
                tier: large
                semantic:
                  threshold: 0.999
                  examples:
          """);
      for (int i = 0; i < examples; i++) {
        yaml.append("            - \"Example request number ").append(i).append(" about a refund for order ")
            .append(i * 7919).append("\"\n");
      }
      router = BenchRouters.compile(yaml.toString(), Wiring.classifiers());
      body = BenchRouters.chatBody(BenchRouters.prompt(200));
    }
  }

  /** A two-tier policy decided by the complexity estimator alone, as the quickstart's is. */
  @State(Scope.Benchmark)
  public static class EstimatorPolicy {
    @Param({"100", "1000", "10000"})
    int promptChars;

    RequestRouter router;
    byte[] body;

    @Setup
    public void setUp() {
      router = BenchRouters.compile(BenchRouters.POLICY + "  complexity: {thresholds: [0.5]}\n", Wiring.classifiers());
      body = BenchRouters.chatBody(BenchRouters.prompt(promptChars));
    }
  }

  /**
   * The quickstart-like policy on a conversation of {@code turns} user turns of 300 characters: Conversation mode
   * scores the earlier ones (at most 4, 8,192 characters) for the floor; None scores only the last. With
   * {@code seen} the same conversation comes again, so its earlier turns' scores are the replica's recent ones (as
   * when it routed those turns itself); without, every request's history is new (the worst case: a replica that
   * never saw the conversation).
   */
  @State(Scope.Benchmark)
  public static class ConversationPolicy {
    @Param({"1", "20"})
    int turns;

    @Param({"Conversation", "None"})
    String mode;

    @Param({"true", "false"})
    boolean seen;

    RequestRouter router;
    byte[] body;
    long next;

    @Setup
    public void setUp() {
      router = BenchRouters.compile(BenchRouters.POLICY + "  complexity: {thresholds: [0.99]}\n"
          + "  stickiness: {mode: " + mode + "}\n", Wiring.classifiers());
      body = BenchRouters.conversationBody(turns, 300, "");
    }

    byte[] body() {
      return seen ? body : BenchRouters.conversationBody(turns, 300, Long.toString(next++));
    }
  }

  @Benchmark
  public RouteResult conversation(ConversationPolicy policy) {
    return policy.router.onBody(BenchRouters.HEADERS, policy.body());
  }

  @Benchmark
  public ComplexityScorer.Score estimator(Text text) {
    return text.scorer.score(text.text);
  }

  @Benchmark
  public float[] staticEmbedding(Text text) {
    return StaticEmbeddings.bundled().embed(text.text);
  }

  @Benchmark
  public float[] embedding(Text text, Window window) {
    return window.embedder.embed(text.text);
  }

  @Benchmark
  public RouteResult semanticRule(SemanticPolicy policy) {
    return policy.router.onBody(BenchRouters.HEADERS, policy.body);
  }

  @Benchmark
  public RouteResult estimatorPolicy(EstimatorPolicy policy) {
    return policy.router.onBody(BenchRouters.HEADERS, policy.body);
  }
}
