package dev.gearbox.router.classifier.training;

import dev.gearbox.router.classifier.ClassifierSettings;
import dev.gearbox.router.classifier.ModelSource;
import dev.gearbox.router.classifier.OnnxEmbedder;
import dev.gearbox.router.classifier.StaticEmbeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Distils the bundled sentence model into a static token table, the Model2Vec recipe: embed every vocabulary token
 * on its own, reduce the vectors with PCA, then weight each by the log of its frequency rank (Zipf), so that
 * frequent, uninformative tokens count less in a prompt's mean. Runs once, offline ({@code gearbox-router distill}).
 */
public final class StaticEmbeddingDistiller {
  private static final int BATCH = 256;

  private StaticEmbeddingDistiller() {
  }

  /** Token ids of the vocabulary by name, from a Hugging Face tokenizer.json (WordPiece). */
  public record Vocabulary(String[] tokens, long clsId, long sepId) {

    public static Vocabulary read(Path tokenizerJson) throws IOException {
      JsonNode vocab = new ObjectMapper().readTree(tokenizerJson.toFile()).path("model").path("vocab");
      String[] tokens = new String[vocab.size()];
      for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        tokens[entry.getValue().asInt()] = entry.getKey();
      }
      return new Vocabulary(tokens, vocab.path("[CLS]").asLong(), vocab.path("[SEP]").asLong());
    }

    /** [PAD], [CLS], [unused12] and the like carry no meaning of their own: their rows stay zero. */
    boolean meaningful(int id) {
      String token = tokens[id];
      return token != null && !(token.startsWith("[") && token.endsWith("]"));
    }
  }

  /** The table of the bundled model, ready for {@link StaticEmbeddings#write}. */
  public static float[][] distillBundled(ClassifierSettings settings, int dimensions) throws Exception {
    ModelSource source = ModelSource.bundled();
    try (OnnxEmbedder model = OnnxEmbedder.open(source, settings)) {
      return distill(model, Vocabulary.read(source.tokenizerFile()), dimensions);
    }
  }

  public static float[][] distill(OnnxEmbedder model, Vocabulary vocabulary, int dimensions) {
    int[] kept = IntStream.range(0, vocabulary.tokens().length).filter(vocabulary::meaningful).toArray();
    float[][] raw = model.embedTokens(Arrays.stream(kept).asLongStream().toArray(), vocabulary.clsId(),
        vocabulary.sepId(), BATCH);
    float[][] reduced = pca(raw, dimensions);
    float[][] table = new float[vocabulary.tokens().length][dimensions];
    for (int i = 0; i < kept.length; i++) {
      // WordPiece vocabularies list words roughly by frequency after the special and single-character block.
      float zipf = (float) Math.log(2 + i);
      for (int d = 0; d < dimensions; d++) {
        table[kept[i]][d] = reduced[i][d] * zipf;
      }
    }
    return table;
  }

  /** The rows centred and projected onto their {@code dimensions} principal axes. */
  static float[][] pca(float[][] rows, int dimensions) {
    int width = rows[0].length;
    double[] mean = new double[width];
    for (float[] row : rows) {
      for (int d = 0; d < width; d++) {
        mean[d] += row[d] / (double) rows.length;
      }
    }
    double[][] covariance = new double[width][width];
    for (float[] row : rows) {
      for (int a = 0; a < width; a++) {
        double ca = row[a] - mean[a];
        for (int b = a; b < width; b++) {
          covariance[a][b] += ca * (row[b] - mean[b]);
        }
      }
    }
    for (int a = 0; a < width; a++) {
      for (int b = a; b < width; b++) {
        covariance[a][b] /= rows.length;
        covariance[b][a] = covariance[a][b];
      }
    }
    EigenDecomposition eigen = new EigenDecomposition(MatrixUtils.createRealMatrix(covariance));
    double[] values = eigen.getRealEigenvalues();
    Integer[] order = IntStream.range(0, width).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> -values[i]));
    double[][] vectors = eigen.getV().getData();
    float[][] out = new float[rows.length][dimensions];
    for (int r = 0; r < rows.length; r++) {
      for (int k = 0; k < dimensions; k++) {
        double sum = 0;
        for (int d = 0; d < width; d++) {
          sum += (rows[r][d] - mean[d]) * vectors[d][order[k]];
        }
        out[r][k] = (float) sum;
      }
    }
    return out;
  }
}
