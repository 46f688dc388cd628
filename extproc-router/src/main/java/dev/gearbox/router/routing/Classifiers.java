package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.api.v1alpha1.ScoreRange;
import dev.gearbox.api.v1alpha1.Semantic;

/**
 * Where the model-backed signals (semantic similarity, complexity) plug into policy compilation. The engine only
 * sees {@link Condition} and {@link TierEstimator}; how they are computed is the classifier's business.
 */
public interface Classifiers {

  Condition semantic(Semantic semantic, Scope scope, EmbeddingModel embedding) throws PolicyCompileException;

  Condition complexity(ScoreRange range, Scope scope, EmbeddingModel embedding) throws PolicyCompileException;

  /**
   * @param policyId namespace/name: an estimator that learns from traffic keeps what it learned per policy
   * @param data     the weights and calibration sample the policy names
   */
  TierEstimator estimator(String policyId, Complexity complexity, int tierCount, EmbeddingModel embedding,
      PolicyData.Bound data) throws PolicyCompileException;

  /** For builds and tools without the classifier: policies that use it fail to compile with a clear message. */
  static Classifiers unavailable() {
    return new Classifiers() {
      @Override
      public Condition semantic(Semantic semantic, Scope scope, EmbeddingModel embedding)
          throws PolicyCompileException {
        throw new PolicyCompileException("semantic conditions need the classifier, which is not enabled here");
      }

      @Override
      public Condition complexity(ScoreRange range, Scope scope, EmbeddingModel embedding)
          throws PolicyCompileException {
        throw new PolicyCompileException("complexity conditions need the classifier, which is not enabled here");
      }

      @Override
      public TierEstimator estimator(String policyId, Complexity complexity, int tierCount, EmbeddingModel embedding,
          PolicyData.Bound data) throws PolicyCompileException {
        throw new PolicyCompileException("spec.complexity needs the classifier, which is not enabled here");
      }
    };
  }
}
