package dev.gearbox.router.classifier.training;

import dev.gearbox.router.classifier.Embedder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Embeddings kept in a local file between training runs, keyed by a hash of the token window and the text (never the
 * text itself), so trying training settings does not re-embed thousands of prompts, and one file can hold several
 * windows. The embedder opens only on a cache miss.
 */
public final class EmbeddingCache implements Embedder {
  private final Path file;
  private final int window;
  private final Supplier<Embedder> embedder;
  private final Map<String, float[]> vectors = new LinkedHashMap<>();
  private Embedder opened;

  /** @param window the token window {@code embedder} cuts prompts to */
  public EmbeddingCache(Path file, int window, Supplier<Embedder> embedder) throws IOException {
    this.file = file;
    this.window = window;
    this.embedder = embedder;
    if (file != null && Files.exists(file)) {
      try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
          String key = in.readUTF();
          float[] v = new float[in.readInt()];
          for (int d = 0; d < v.length; d++) {
            v[d] = in.readFloat();
          }
          vectors.put(key, v);
        }
      }
    }
  }

  @Override
  public synchronized float[] embed(String text) {
    return vectors.computeIfAbsent(key(window + "\n" + text), k -> {
      if (opened == null) {
        opened = embedder.get();
      }
      return opened.embed(text);
    });
  }

  public synchronized void save() throws IOException {
    if (file == null) {
      return;
    }
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(vectors.size());
      for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeInt(entry.getValue().length);
        for (float f : entry.getValue()) {
          out.writeFloat(f);
        }
      }
    }
  }

  private static String key(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
