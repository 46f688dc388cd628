package dev.gearbox.router.classifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * K-fold cross-validation of the estimator: every evaluated example is scored by a model that never saw it, trained
 * on the other folds plus the examples that are always trained on. Pure and deterministic for a seed.
 */
public final class CrossValidation {

  /** The held-out view of one example. */
  public record Prediction(TrainingExample example, int fold, double[] lexical, double[] full,
      ComplexityScorer.Score score) {

    public int lexicalArgmax() {
      return argmax(lexical);
    }

    public int fullArgmax() {
      return argmax(full);
    }
  }

  private CrossValidation() {
  }

  public static List<Prediction> outOfFold(List<TrainingExample> alwaysTrain, List<TrainingExample> evaluated,
      int folds, long seed, ComplexityTrainer.Settings settings) {
    int[] foldOf = folds(evaluated.size(), folds, seed);
    Prediction[] predictions = new Prediction[evaluated.size()];
    for (int fold = 0; fold < folds; fold++) {
      List<TrainingExample> train = new ArrayList<>(alwaysTrain);
      for (int i = 0; i < evaluated.size(); i++) {
        if (foldOf[i] != fold) {
          train.add(evaluated.get(i));
        }
      }
      ComplexityWeights weights = ComplexityTrainer.fit(train, settings, List.of());
      ComplexityScorer scorer = new ComplexityScorer(weights);
      for (int i = 0; i < evaluated.size(); i++) {
        if (foldOf[i] == fold) {
          predictions[i] = predict(evaluated.get(i), fold, weights, scorer);
        }
      }
    }
    return Arrays.asList(predictions);
  }

  private static Prediction predict(TrainingExample e, int fold, ComplexityWeights weights, ComplexityScorer scorer) {
    SparseVector x = weights.encoder().lexical(e.dense(), e.terms());
    double[] lexical = weights.lexical().probabilities(x);
    double[] full = weights.full().probabilities(weights.encoder().full(x, e.embedding()));
    return new Prediction(e, fold, lexical, full, scorer.score(e.text(), e::embedding));
  }

  /** A seeded shuffle dealt round-robin into folds, so folds differ in size by at most one. */
  static int[] folds(int size, int folds, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    int[] foldOf = new int[size];
    for (int position = 0; position < size; position++) {
      foldOf[order.get(position)] = position % folds;
    }
    return foldOf;
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }
}
