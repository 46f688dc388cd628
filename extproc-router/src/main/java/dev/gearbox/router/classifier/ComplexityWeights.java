package dev.gearbox.router.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the complexity estimator learned, as written by {@code gearbox-router train} and shipped in the jar.
 *
 * @param encoder        feature layout and standardization
 * @param lexical        the cheap head: lexical features only
 * @param full           the head over lexical features and the embedding
 * @param confidence     the lexical head answers alone when its top tier probability reaches this
 * @param embeddingTokens the token window of the bundled model the full head was trained on; the router embeds with
 *                       the same window, whatever windows policies choose for their semantic rules
 * @param scoreQuantiles the score at each percentile 0..100 of held-out traffic: turns target shares into
 *                       thresholds when a policy gives shares instead of thresholds
 * @param trainedOn      what the weights were trained on and how they scored, for people
 */
public record ComplexityWeights(int version, List<String> denseFeatures, FeatureEncoder encoder,
    SoftmaxHead lexical, SoftmaxHead full, double confidence, int embeddingTokens, double[] scoreQuantiles,
    List<String> trainedOn) {
  /** Version 2: character n-grams among the hashed terms, and the embedding window recorded. */
  public static final int VERSION = 2;
  public static final String RESOURCE = "dev/gearbox/router/classifier/complexity-weights.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static ComplexityWeights bundled() {
    try (InputStream in = ComplexityWeights.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the classpath");
      }
      return JSON.readValue(in, ComplexityWeights.class).checked();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the complexity estimator's weights", e);
    }
  }

  public static ComplexityWeights read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), ComplexityWeights.class).checked();
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), this);
  }

  /** The same weights with the held-out score curve and notes filled in. */
  public ComplexityWeights withScoreCurve(double[] percentiles, List<String> notes) {
    return new ComplexityWeights(version, denseFeatures, encoder, lexical, full, confidence, embeddingTokens,
        percentiles, notes);
  }

  /** Weights from another feature layout would score silently wrong, so they are refused. */
  private ComplexityWeights checked() throws IOException {
    if (version != VERSION) {
      throw new IOException("the weights have format version " + version + ", this router reads version " + VERSION
          + "; retrain with gearbox-router train");
    }
    if (!denseFeatures.equals(LexicalFeatures.DENSE_NAMES)) {
      throw new IOException("the weights were trained on features " + denseFeatures + ", this router computes "
          + LexicalFeatures.DENSE_NAMES + "; retrain with gearbox-router train");
    }
    return this;
  }
}
