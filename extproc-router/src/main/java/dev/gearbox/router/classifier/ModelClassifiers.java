package dev.gearbox.router.classifier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.hash.Hashing;
import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.DataReference;
import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.api.v1alpha1.ScoreRange;
import dev.gearbox.api.v1alpha1.Semantic;
import dev.gearbox.api.v1alpha1.ShareTracking;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.Condition;
import dev.gearbox.router.routing.PolicyCompileException;
import dev.gearbox.router.routing.PolicyData;
import dev.gearbox.router.routing.TierEstimator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The model-backed signals: semantic similarity on sentence embeddings and the trained complexity estimator.
 * Models and weights load on the first policy that needs them; rule-only policies never touch ONNX Runtime.
 */
public final class ModelClassifiers implements Classifiers {
  private static final String SHIPPED = "shipped";
  private final EmbeddingModels models;
  private final Path weightsFile;
  // Bounded: a policy deleted long ago must not keep its tracker forever.
  private final Cache<String, ShareTracker> trackers = Caffeine.newBuilder().maximumSize(1024).build();
  // Estimators by the SHA-256 of their weights, so policies sharing weights share one and a recompile parses none.
  private final Cache<String, ComplexitySignal> signals = Caffeine.newBuilder().maximumSize(16).build();

  /** @param weightsFile estimator weights to use instead of the shipped ones, or null */
  public ModelClassifiers(EmbeddingModels models, Path weightsFile) {
    this.models = models;
    this.weightsFile = weightsFile;
  }

  @Override
  public Condition semantic(Semantic semantic, Scope scope, EmbeddingModel embedding) throws PolicyCompileException {
    double threshold = semantic.effectiveThreshold();
    try {
      return SemanticCondition.compile(semantic.examples(), threshold, scope, models.forPolicy(embedding));
    } catch (RuntimeException e) {
      throw new PolicyCompileException("semantic: " + e.getMessage());
    }
  }

  @Override
  public Condition complexity(ScoreRange range, Scope scope, EmbeddingModel embedding)
      throws PolicyCompileException {
    return new ComplexityCondition(defaultSignal().signal(), scope, range.min(), range.max());
  }

  @Override
  public TierEstimator estimator(String policyId, Complexity spec, int tierCount, EmbeddingModel embedding,
      PolicyData.Bound data) throws PolicyCompileException {
    Loaded loaded = spec.weights() == null ? defaultSignal() : signal(spec.weights(), data);
    double[] thresholds = startingThresholds(spec, tierCount, loaded.signal(), data);
    if (thresholds.length != tierCount - 1) {
      throw new PolicyCompileException("complexity.thresholds needs " + (tierCount - 1) + " values for "
          + tierCount + " tiers, got " + Arrays.toString(thresholds));
    }
    return new ComplexityEstimator(loaded.signal(), tracker(policyId, spec, loaded.digest(), thresholds));
  }

  private static double[] startingThresholds(Complexity spec, int tierCount, ComplexitySignal signal,
      PolicyData.Bound data) throws PolicyCompileException {
    if (spec.thresholds() != null) {
      return spec.thresholds().stream().mapToDouble(Double::doubleValue).toArray();
    }
    if (spec.targetShares() == null || spec.targetShares().size() != tierCount) {
      throw new PolicyCompileException("complexity.targetShares needs one share per tier (" + tierCount + ")");
    }
    if (spec.sample() == null) {
      return Calibration.fromQuantiles(signal.weights().scoreQuantiles(), spec.targetShares());
    }
    PromptFile.Read sample;
    try {
      sample = PromptFile.read(spec.sample().toString(), data.read(spec.sample()));
    } catch (IOException e) {
      throw new PolicyCompileException("sample " + spec.sample() + ": " + e.getMessage());
    }
    if (!sample.malformed().isEmpty() || sample.prompts().isEmpty()) {
      throw new PolicyCompileException("sample " + spec.sample() + ": " + (sample.prompts().isEmpty()
          ? "no prompts" : sample.malformed().size() + " malformed lines, first: " + sample.errors().get(0)));
    }
    double[] scores = sample.prompts().stream().mapToDouble(p -> signal.score(p.text()).value()).toArray();
    return Calibration.thresholds(scores, spec.targetShares());
  }

  /**
   * The policy's tracker: the one it had when its reload left the estimator as it was (same weights, shares,
   * window; with fixed thresholds the same thresholds), so what it counted and learned survives; else a new one.
   */
  private ShareTracker tracker(String policyId, Complexity spec, String weights, double[] starting) {
    ShareTracking tracking = spec.effectiveTracking();
    boolean track = spec.effectiveCalibration() == Complexity.Calibration.Track;
    String estimator = track ? weights : weights + " " + Arrays.toString(starting);
    ShareTracker.Settings settings = new ShareTracker.Settings(
        spec.targetShares() == null ? null : List.copyOf(spec.targetShares()), spec.maxTopShare(),
        tracking.effectiveWindow(), tracking.effectiveMinSample(), tracking.effectiveMoveEvery(),
        tracking.effectiveMaxStep(), track, estimator);
    return trackers.asMap().compute(policyId, (id, kept) ->
        kept != null && kept.settings().equals(settings) ? kept : new ShareTracker(settings, starting));
  }

  private record Loaded(ComplexitySignal signal, String digest) {
  }

  /** The estimator on the shipped weights, or on --weights when given; no ONNX session, whatever the policy. */
  private Loaded defaultSignal() throws PolicyCompileException {
    try {
      if (weightsFile == null) {
        return new Loaded(signals.get(SHIPPED, k -> load(ComplexityWeights.bundled())), SHIPPED);
      }
      return signal(Files.readAllBytes(weightsFile));
    } catch (IOException | RuntimeException e) {
      throw new PolicyCompileException("complexity estimator: " + e.getMessage());
    }
  }

  private Loaded signal(DataReference reference, PolicyData.Bound data) throws PolicyCompileException {
    try {
      return signal(data.read(reference));
    } catch (IOException | RuntimeException e) {
      throw new PolicyCompileException("weights " + reference + ": " + e.getMessage());
    }
  }

  private Loaded signal(byte[] bytes) throws IOException {
    String digest = Hashing.sha256().hashBytes(bytes).toString();
    ComplexitySignal cached = signals.getIfPresent(digest);
    if (cached == null) {
      cached = load(ComplexityWeights.parse(bytes));
      signals.put(digest, cached);
    }
    return new Loaded(cached, digest);
  }

  private static ComplexitySignal load(ComplexityWeights weights) {
    try {
      return new ComplexitySignal(new ComplexityScorer(weights,
          new ComplexityFeatures(StaticEmbeddings.bundled(), weights.encoder().buckets())));
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
