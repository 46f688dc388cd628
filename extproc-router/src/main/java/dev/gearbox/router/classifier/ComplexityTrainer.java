package dev.gearbox.router.classifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains the estimator's two heads on labelled examples: standardize, balance the tiers, fit the lexical head and
 * the full head. Pure.
 */
public final class ComplexityTrainer {

  /**
   * @param buckets         hashed term buckets
   * @param confidence      the lexical head's top probability at which it answers alone
   * @param embeddingTokens the token window of the embeddings the full head is trained on
   */
  public record Settings(int tiers, int buckets, double confidence, int embeddingTokens, boolean balanceSources,
      SoftmaxTrainer.Options lexical, SoftmaxTrainer.Options full) {

    /**
     * Chosen on held-out folds of the shared labelled prompts (docs/routing-quality.md): with character n-grams the
     * lexical head is as accurate as the full head, so it may answer alone from 0.6; for the uncertain rest a 16-token
     * window scores as well as 32 tokens at about 60% of the cost (and a sixth of the former 128 tokens).
     */
    public static Settings defaults() {
      return new Settings(3, 32768, 0.6, 16, true, new SoftmaxTrainer.Options(300, 0.05, 1e-4),
          new SoftmaxTrainer.Options(300, 0.05, 3e-4));
    }
  }

  private ComplexityTrainer() {
  }

  /** Weights without a score curve; {@link ComplexityWeights} callers add it from held-out scores. */
  public static ComplexityWeights fit(List<TrainingExample> examples, Settings settings, List<String> notes) {
    FeatureEncoder encoder = standardizer(examples, settings.buckets());
    int[] labels = examples.stream().mapToInt(TrainingExample::tier).toArray();
    double[] weights = balanced(labels, settings.tiers(), settings.balanceSources()
        ? examples.stream().map(TrainingExample::source).toList() : null);
    List<SparseVector> lexical = new ArrayList<>(examples.size());
    List<SparseVector> full = new ArrayList<>(examples.size());
    for (TrainingExample e : examples) {
      SparseVector x = encoder.lexical(e.dense(), e.terms());
      lexical.add(x);
      full.add(encoder.full(x, e.embedding()));
    }
    int dimension = examples.get(0).embedding().length;
    SoftmaxHead lexicalHead = SoftmaxTrainer.train(lexical, labels, weights, encoder.lexicalWidth(),
        settings.tiers(), settings.lexical());
    SoftmaxHead fullHead = SoftmaxTrainer.train(full, labels, weights, encoder.fullWidth(dimension),
        settings.tiers(), settings.full());
    return new ComplexityWeights(ComplexityWeights.VERSION, LexicalFeatures.DENSE_NAMES, encoder, lexicalHead,
        fullHead, settings.confidence(), settings.embeddingTokens(), new double[0], notes);
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

  private static FeatureEncoder standardizer(List<TrainingExample> examples, int buckets) {
    int dense = LexicalFeatures.DENSE_NAMES.size();
    int width = dense + examples.get(0).embedding().length;
    double[] sum = new double[width];
    double[] squares = new double[width];
    for (TrainingExample e : examples) {
      for (int f = 0; f < width; f++) {
        double v = f < dense ? e.dense()[f] : e.embedding()[f - dense];
        sum[f] += v;
        squares[f] += v * v;
      }
    }
    float[] mean = new float[width];
    float[] scale = new float[width];
    int n = examples.size();
    for (int f = 0; f < width; f++) {
      double m = sum[f] / n;
      mean[f] = (float) m;
      scale[f] = (float) Math.max(1e-6, Math.sqrt(Math.max(0, squares[f] / n - m * m)));
    }
    return new FeatureEncoder(buckets, mean, scale);
  }
}
