package dev.gearbox.router.classifier;

import java.util.function.Supplier;

/**
 * Scores how demanding a prompt is, in [0, 1]: the lexical head first, and only when it is not confident the head
 * that also reads the embedding. Pure apart from the embedding supplier, which is called only on the slow path.
 */
public final class ComplexityScorer {
  private final ComplexityWeights weights;

  public ComplexityScorer(ComplexityWeights weights) {
    this.weights = weights;
  }

  /** Which head produced a score; bounded, so it can tag metrics. */
  public enum Stage {
    LEXICAL, EMBEDDING;

    public String decidedBy() {
      return this == LEXICAL ? "complexity:lexical" : "complexity:embedding";
    }
  }

  public record Score(double value, Stage stage) {
  }

  public Score score(String text, Supplier<float[]> embedding) {
    SparseVector lexical = weights.encoder().lexical(text);
    double[] p = weights.lexical().probabilities(lexical);
    if (SoftmaxHead.max(p) >= weights.confidence()) {
      return new Score(SoftmaxHead.expectedTier(p), Stage.LEXICAL);
    }
    double[] q = weights.full().probabilities(weights.encoder().full(lexical, embedding.get()));
    return new Score(SoftmaxHead.expectedTier(q), Stage.EMBEDDING);
  }

  public ComplexityWeights weights() {
    return weights;
  }
}
