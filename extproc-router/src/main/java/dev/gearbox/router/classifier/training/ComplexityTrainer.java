package dev.gearbox.router.classifier.training;

import dev.gearbox.router.classifier.ComplexityFeatures;
import dev.gearbox.router.classifier.ComplexityScorer;
import dev.gearbox.router.classifier.ComplexityWeights;
import dev.gearbox.router.classifier.FeatureEncoder;
import dev.gearbox.router.classifier.Features;
import dev.gearbox.router.classifier.SoftmaxHead;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Trains the estimator's head on labelled examples: standardise, balance tiers and sources, fit. Pure. */
public final class ComplexityTrainer {

  /**
   * @param balanceSources each source weighs the same within its tier, so no one dataset defines a tier
   */
  public record Settings(int tiers, boolean balanceSources, int buckets, float termWeight,
      SoftmaxTrainer.Options head) {

    /**
     * The L2 penalty was chosen on leave-one-source-out accuracy, not on folds that share sources
     * (docs/routing-quality.md).
     */
    public static Settings defaults() {
      return new Settings(3, true, 32768, 10, new SoftmaxTrainer.Options(300, 0.05, 1e-2));
    }
  }

  /** A standardised softmax regression over one dense view of the examples. */
  public record Fitted(FeatureEncoder encoder, SoftmaxHead head) {

    public double score(Features features) {
      return ComplexityScorer.score(encoder, head, features).value();
    }
  }

  private ComplexityTrainer() {
  }

  /** Weights without a score curve or training-prompt record; {@code train} adds those. */
  public static ComplexityWeights fit(List<TrainingExample> examples, ComplexityFeatures features, Settings settings,
      List<String> notes) {
    Fitted fitted = fitHead(examples, TrainingExample::features, settings);
    int[] prompts = examples.stream()
        .mapToInt(e -> ComplexityFeatures.normalizedWindow(e.text()).hashCode()).sorted().distinct().toArray();
    return new ComplexityWeights(ComplexityWeights.VERSION, features.names(), features.embeddings().digest(),
        fitted.encoder(), fitted.head(), new double[0], notes, prompts);
  }

  /** A head over {@code view} of each example: the estimator's features, or the baseline's embedding. */
  public static Fitted fitHead(List<TrainingExample> examples, Function<TrainingExample, Features> view,
      Settings settings) {
    List<Features> rows = examples.stream().map(view).toList();
    int buckets = rows.stream().allMatch(f -> f.terms().length == 0) ? 0 : settings.buckets();
    FeatureEncoder encoder = FeatureEncoder.fit(rows.stream().map(Features::dense).toList(), buckets,
        settings.termWeight());
    int[] labels = examples.stream().mapToInt(TrainingExample::tier).toArray();
    double[] weights = balanced(labels, settings.tiers(), settings.balanceSources()
        ? examples.stream().map(TrainingExample::source).toList() : null);
    SoftmaxHead head = SoftmaxTrainer.train(rows.stream().map(encoder::encode).toList(), labels, weights,
        encoder.width(), settings.tiers(), settings.head());
    return new Fitted(encoder, head);
  }

  /**
   * Each tier weighs the same in total, whatever its count: the training files are unbalanced. With sources, each
   * source also weighs the same within its tier, so one large source (GSM8K in tier 2) does not define the tier.
   */
  static double[] balanced(int[] labels, int tiers, List<String> sources) {
    Map<String, Integer> groupCounts = new HashMap<>();
    Map<Integer, Set<String>> groupsPerTier = new HashMap<>();
    for (int i = 0; i < labels.length; i++) {
      String group = labels[i] + "/" + (sources == null ? "" : sources.get(i));
      groupCounts.merge(group, 1, Integer::sum);
      groupsPerTier.computeIfAbsent(labels[i], t -> new HashSet<>()).add(group);
    }
    double[] weights = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      String group = labels[i] + "/" + (sources == null ? "" : sources.get(i));
      weights[i] = (double) labels.length
          / (tiers * groupsPerTier.get(labels[i]).size() * groupCounts.get(group));
    }
    return weights;
  }
}
