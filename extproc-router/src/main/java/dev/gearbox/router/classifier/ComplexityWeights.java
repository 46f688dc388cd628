package dev.gearbox.router.classifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.router.routing.PolicyData;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Everything the complexity estimator learned, as written by {@code gearbox-router train} and shipped in the jar.
 *
 * @param features         feature names in order ({@link ComplexityFeatures#names()})
 * @param staticEmbeddings SHA-256 of the static token table the features were computed with
 * @param encoder          standardisation of the features
 * @param head             the softmax regression over the standardised features
 * @param scoreQuantiles   the score at each percentile 0..100 of held-out traffic: turns target shares into
 *                         thresholds when a policy gives shares instead of thresholds
 * @param trainedOn        what the weights were trained on and how they scored, for people
 * @param trainingPrompts  sorted {@code String.hashCode} of every normalised training prompt, so replay can warn when
 *                         it measures the estimator on its own training data
 */
public record ComplexityWeights(int version, List<String> features, String staticEmbeddings, FeatureEncoder encoder,
    SoftmaxHead head, double[] scoreQuantiles, List<String> trainedOn, int[] trainingPrompts) {
  /** Version 3: normalised text, task features and the static token embedding; one head. */
  public static final int VERSION = 3;
  public static final String RESOURCE = "dev/gearbox/router/classifier/complexity-weights.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static ComplexityWeights bundled() {
    try (InputStream in = ComplexityWeights.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the classpath");
      }
      return checkedVersion(JSON.readValue(in, ComplexityWeights.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the complexity estimator's weights", e);
    }
  }

  public static ComplexityWeights read(Path file) throws IOException {
    return parse(Files.readAllBytes(file));
  }

  /** Weights as {@code train} writes them, gzipped or not. */
  public static ComplexityWeights parse(byte[] json) throws IOException {
    ComplexityWeights weights;
    try {
      weights = JSON.readValue(PolicyData.decoded(json), ComplexityWeights.class);
    } catch (JsonProcessingException e) {
      throw new IOException("not estimator weights as gearbox-router train writes them: "
          + e.getOriginalMessage(), e);
    }
    checkedVersion(weights);
    if (weights.head() == null || weights.encoder() == null || weights.features() == null
        || weights.scoreQuantiles() == null || weights.scoreQuantiles().length != 101) {
      throw new IOException("incomplete estimator weights: features, encoder, head and 101 scoreQuantiles needed");
    }
    return weights;
  }

  /** Plain JSON, or gzip when the name ends in .gz: gzipped weights fit a ConfigMap (1 MiB at most). */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = file.toString().endsWith(".gz")
        ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      JSON.writeValue(out, this);
    }
  }

  /** The same weights with the held-out score curve filled in. */
  public ComplexityWeights withScoreCurve(double[] percentiles) {
    return new ComplexityWeights(version, features, staticEmbeddings, encoder, head, percentiles, trainedOn,
        trainingPrompts);
  }

  /** Whether {@code text}, normalised, was among the training prompts (a hash match: rare false positives). */
  public boolean trainedOn(String text) {
    return trainingPrompts != null
        && Arrays.binarySearch(trainingPrompts, ComplexityFeatures.normalizedWindow(text).hashCode()) >= 0;
  }

  /** Weights from another feature layout or table would score silently wrong, so they are refused. */
  void requireMatches(ComplexityFeatures computed) throws IOException {
    if (!features.equals(computed.names())) {
      throw new IOException("the weights were trained on " + features.size() + " features " + abbreviated(features)
          + ", this router computes " + computed.names().size() + " " + abbreviated(computed.names())
          + "; retrain with gearbox-router train");
    }
    if (!staticEmbeddings.equals(computed.embeddings().digest())) {
      throw new IOException("the weights were trained on static token table " + staticEmbeddings
          + ", this router has " + computed.embeddings().digest() + "; retrain with gearbox-router train");
    }
    if (head.tiers() < 2 || head.weights().length != head.tiers()) {
      throw new IOException("the weights' head has " + head.tiers() + " tiers and " + head.weights().length
          + " weight rows; it needs one row per tier and at least two tiers");
    }
    if (encoder.buckets() != computed.buckets() || encoder.mean().length != features.size()
        || head.weights()[0].length != encoder.width()) {
      throw new IOException("the weights' encoder and head do not fit " + features.size() + " features and "
          + computed.buckets() + " hashed word buckets");
    }
  }

  private static ComplexityWeights checkedVersion(ComplexityWeights weights) throws IOException {
    if (weights.version != VERSION) {
      throw new IOException("the weights have format version " + weights.version + ", this router reads version "
          + VERSION + "; retrain with gearbox-router train");
    }
    return weights;
  }

  private static String abbreviated(List<String> names) {
    return names.size() <= 4 ? names.toString() : names.subList(0, 3) + "...";
  }
}
