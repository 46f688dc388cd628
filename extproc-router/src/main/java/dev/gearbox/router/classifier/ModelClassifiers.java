package dev.gearbox.router.classifier;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.api.v1alpha1.ScoreRange;
import dev.gearbox.api.v1alpha1.Semantic;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.Condition;
import dev.gearbox.router.routing.PolicyCompileException;
import dev.gearbox.router.routing.TierEstimator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The model-backed signals: semantic similarity on sentence embeddings and the trained complexity estimator.
 * Models and weights load on the first policy that needs them; rule-only policies never touch ONNX Runtime.
 */
public final class ModelClassifiers implements Classifiers {
  private static final double DEFAULT_SEMANTIC_THRESHOLD = 0.6;
  private final EmbeddingModels models;
  private final Path weightsFile;
  private ComplexitySignal complexity;

  /** @param weightsFile estimator weights to use instead of the shipped ones, or null */
  public ModelClassifiers(EmbeddingModels models, Path weightsFile) {
    this.models = models;
    this.weightsFile = weightsFile;
  }

  @Override
  public Condition semantic(Semantic semantic, Scope scope, EmbeddingModel embedding) throws PolicyCompileException {
    double threshold = semantic.threshold() == null ? DEFAULT_SEMANTIC_THRESHOLD : semantic.threshold();
    try {
      return SemanticCondition.compile(semantic.examples(), threshold, scope, models.forPolicy(embedding));
    } catch (RuntimeException e) {
      throw new PolicyCompileException("semantic: " + e.getMessage());
    }
  }

  @Override
  public Condition complexity(ScoreRange range, Scope scope, EmbeddingModel embedding)
      throws PolicyCompileException {
    return new ComplexityCondition(complexitySignal(), range.min(), range.max());
  }

  @Override
  public TierEstimator estimator(Complexity spec, int tierCount, EmbeddingModel embedding)
      throws PolicyCompileException {
    ComplexitySignal signal = complexitySignal();
    double[] thresholds;
    if (spec.thresholds() != null) {
      thresholds = spec.thresholds().stream().mapToDouble(Double::doubleValue).toArray();
    } else {
      if (spec.shares() == null || spec.shares().size() != tierCount) {
        throw new PolicyCompileException("complexity.shares needs one share per tier (" + tierCount + ")");
      }
      thresholds = Calibration.fromQuantiles(signal.weights().scoreQuantiles(), spec.shares());
    }
    if (thresholds.length != tierCount - 1) {
      throw new PolicyCompileException("complexity.thresholds needs " + (tierCount - 1) + " values for "
          + tierCount + " tiers, got " + Arrays.toString(thresholds));
    }
    return new ComplexityEstimator(signal, thresholds);
  }

  /**
   * One estimator per process, on the shipped static token table; it needs no ONNX session, whatever model a
   * policy names for its semantic rules.
   */
  private synchronized ComplexitySignal complexitySignal() throws PolicyCompileException {
    if (complexity == null) {
      try {
        ComplexityWeights weights = weightsFile == null ? ComplexityWeights.bundled()
            : ComplexityWeights.read(weightsFile);
        complexity = new ComplexitySignal(new ComplexityScorer(weights,
            new ComplexityFeatures(StaticEmbeddings.bundled(), weights.encoder().buckets())));
      } catch (IOException | RuntimeException e) {
        throw new PolicyCompileException("complexity estimator: " + e.getMessage());
      }
    }
    return complexity;
  }
}
