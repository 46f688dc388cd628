package dev.gearbox.router.classifier;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A whole-prompt semantic vector in microseconds: one static vector per WordPiece token of the bundled MiniLM,
 * distilled once offline ({@code gearbox-router distill}, the Model2Vec method), averaged over the prompt's tokens
 * at request time. No prompt is cut to a few tokens and none needs an ONNX run. Thread-safe.
 *
 * <p>The table ships in the jar as int8 rows with one scale each; its SHA-256 is recorded in the estimator's
 * weights, so weights trained on another table are refused.
 */
public final class StaticEmbeddings implements Embedder {
  public static final String RESOURCE = "dev/gearbox/router/classifier/static-embeddings.bin";
  private static final int MAGIC = 0x47425345; // "GBSE"
  private static final int FORMAT = 1;
  private final float[] table;
  private final int dimension;
  private final String digest;
  private final HuggingFaceTokenizer tokenizer;

  private StaticEmbeddings(float[] table, int dimension, String digest, HuggingFaceTokenizer tokenizer) {
    this.table = table;
    this.dimension = dimension;
    this.digest = digest;
    this.tokenizer = tokenizer;
  }

  // Memoized rather than a class-initialisation holder, so a failed load is an exception each time it is asked for
  // (a policy compile error), not an Error that poisons the class.
  private static final Supplier<StaticEmbeddings> BUNDLED = Suppliers.memoize(StaticEmbeddings::loadBundled);

  /** The shipped table with the bundled tokenizer, loaded once per process. */
  public static StaticEmbeddings bundled() {
    return BUNDLED.get();
  }

  private static StaticEmbeddings loadBundled() {
    try (InputStream in = StaticEmbeddings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the classpath");
      }
      return read(in, Tokenizers.open(ModelSource.bundled().tokenizerFile(), false));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the static token embeddings", e);
    }
  }

  static StaticEmbeddings read(InputStream raw, HuggingFaceTokenizer tokenizer) throws IOException {
    MessageDigest sha = sha256();
    DataInputStream in = new DataInputStream(new DigestInputStream(new BufferedInputStream(raw), sha));
    if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
      throw new IOException("not a static embedding table of format " + FORMAT);
    }
    int rows = in.readInt();
    int dimension = in.readInt();
    float[] table = new float[rows * dimension];
    byte[] row = new byte[dimension];
    for (int r = 0; r < rows; r++) {
      float scale = in.readFloat();
      in.readFully(row);
      for (int d = 0; d < dimension; d++) {
        table[r * dimension + d] = scale * row[d];
      }
    }
    return new StaticEmbeddings(table, dimension, HexFormat.of().formatHex(sha.digest()), tokenizer);
  }

  /** Writes rows as int8 with a per-row scale; an all-zero row stands for a token that carries no meaning. */
  public static void write(Path file, float[][] rows) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeInt(rows.length);
      out.writeInt(rows[0].length);
      for (float[] row : rows) {
        float max = 0;
        for (float v : row) {
          max = Math.max(max, Math.abs(v));
        }
        float scale = max / 127;
        out.writeFloat(scale);
        for (float v : row) {
          out.writeByte(scale == 0 ? 0 : Math.round(v / scale));
        }
      }
    }
  }

  /** One token's vector, as stored. */
  float[] row(int token) {
    return java.util.Arrays.copyOfRange(table, token * dimension, (token + 1) * dimension);
  }

  public int dimension() {
    return dimension;
  }

  /** SHA-256 of the table as read, so weights can name the table they were trained on. */
  public String digest() {
    return digest;
  }

  /**
   * The unit-length mean of the token vectors of {@code text} (zero when no token carries meaning). Tokenizing
   * costs about a microsecond per character: callers bound the text ({@link ComplexityFeatures#WINDOW_CHARS}).
   */
  @Override
  public float[] embed(String text) {
    long[] ids = tokenizer.encode(text).getIds();
    float[] sum = new float[dimension];
    int rows = table.length / dimension;
    for (long id : ids) {
      if (id >= 0 && id < rows) {
        int offset = (int) id * dimension;
        for (int d = 0; d < dimension; d++) {
          sum[d] += table[offset + d];
        }
      }
    }
    return Vectors.normalize(sum);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
