package dev.gearbox.router.classifier.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Held-out scores for a way of scoring prompts: every evaluated example is scored by a model that never saw it.
 * Leave-one-source-out holds out every prompt of a source at once (from the always-trained examples too), which is
 * what traffic from an unfamiliar source looks like; k-fold keeps sources on both sides and so flatters. Pure and
 * deterministic for a seed.
 */
public final class CrossValidation {

  /** Trains a scorer on examples; the baselines and the estimator are all learners. */
  public interface Learner {
    ToDoubleFunction<TrainingExample> fit(List<TrainingExample> train);
  }

  private CrossValidation() {
  }

  /** The held-out score of each evaluated example, in order. */
  public static double[] leaveOneSourceOut(List<TrainingExample> alwaysTrain, List<TrainingExample> evaluated,
      Learner learner) {
    Set<String> sources = new LinkedHashSet<>();
    evaluated.forEach(e -> sources.add(e.source()));
    double[] scores = new double[evaluated.size()];
    for (String source : sources) {
      heldOut(alwaysTrain, evaluated, learner, e -> e.source().equals(source), scores);
    }
    return scores;
  }

  /** The held-out score of each evaluated example, in order, from {@code folds} seeded folds. */
  public static double[] outOfFold(List<TrainingExample> alwaysTrain, List<TrainingExample> evaluated, int folds,
      long seed, Learner learner) {
    int[] foldOf = folds(evaluated.size(), folds, seed);
    double[] scores = new double[evaluated.size()];
    for (int fold = 0; fold < folds; fold++) {
      Set<TrainingExample> inFold = Collections.newSetFromMap(new IdentityHashMap<>());
      for (int i = 0; i < evaluated.size(); i++) {
        if (foldOf[i] == fold) {
          inFold.add(evaluated.get(i));
        }
      }
      heldOut(alwaysTrain, evaluated, learner, inFold::contains, scores);
    }
    return scores;
  }

  /** Trains without every example {@code held} selects, in both lists, and scores the evaluated ones it selects. */
  private static void heldOut(List<TrainingExample> alwaysTrain, List<TrainingExample> evaluated, Learner learner,
      Predicate<TrainingExample> held, double[] scores) {
    List<TrainingExample> train = new ArrayList<>();
    alwaysTrain.stream().filter(held.negate()).forEach(train::add);
    evaluated.stream().filter(held.negate()).forEach(train::add);
    ToDoubleFunction<TrainingExample> scorer = learner.fit(train);
    for (int i = 0; i < evaluated.size(); i++) {
      if (held.test(evaluated.get(i))) {
        scores[i] = scorer.applyAsDouble(evaluated.get(i));
      }
    }
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
}
