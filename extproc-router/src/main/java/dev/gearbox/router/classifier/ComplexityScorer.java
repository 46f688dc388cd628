package dev.gearbox.router.classifier;

import java.io.IOException;

/**
 * Scores how demanding a prompt is, in [0, 1]: the expected tier of the trained head over the prompt's
 * {@link ComplexityFeatures}. Tens of microseconds, no model run. Pure apart from the shared, read-only table.
 */
public final class ComplexityScorer {
  private final ComplexityWeights weights;
  private final ComplexityFeatures features;

  /** @throws IOException when the weights were trained on other features or another table */
  public ComplexityScorer(ComplexityWeights weights, ComplexityFeatures features) throws IOException {
    weights.requireMatches(features);
    this.weights = weights;
    this.features = features;
  }

  /**
   * @param value         the expected tier scaled to [0, 1]
   * @param probabilities the head's probability per tier
   */
  public record Score(double value, double[] probabilities) {
  }

  public Score score(String text) {
    return score(weights.encoder(), weights.head(), features.of(text));
  }

  /** The score of features already computed: the one place a head's probabilities become a score. */
  public static Score score(FeatureEncoder encoder, SoftmaxHead head, Features features) {
    double[] p = head.probabilities(encoder.encode(features));
    return new Score(SoftmaxHead.expectedTier(p), p);
  }

  public ComplexityWeights weights() {
    return weights;
  }
}
