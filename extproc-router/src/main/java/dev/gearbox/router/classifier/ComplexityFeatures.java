package dev.gearbox.router.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The estimator's input for one prompt: the head and tail of the text, normalised, read as {@link TaskFeatures}
 * followed by its {@link StaticEmbeddings} vector, plus its {@link HashedWords}. Pure apart from the shared,
 * read-only table.
 */
public final class ComplexityFeatures {
  /**
   * The estimator reads at most the first and last half of this many characters: nearly every prompt whole (the
   * shared prompts' median is about 150), and a long one in well under a millisecond.
   */
  public static final int WINDOW_CHARS = 2048;
  private final StaticEmbeddings embeddings;
  private final int buckets;

  /** @param buckets hashed word buckets; 0 for none */
  public ComplexityFeatures(StaticEmbeddings embeddings, int buckets) {
    this.embeddings = embeddings;
    this.buckets = buckets;
  }

  /** The text the features read: its head and tail when long, normalised. */
  public static String normalizedWindow(String text) {
    return PromptNormalizer.normalize(TokenWindow.headAndTail(text, WINDOW_CHARS / 2));
  }

  public Features of(String text) {
    String normalized = normalizedWindow(text);
    Words words = Words.of(normalized);
    float[] task = TaskFeatures.of(text, normalized, words);
    float[] vector = embeddings.embed(normalized);
    float[] dense = new float[task.length + vector.length];
    System.arraycopy(task, 0, dense, 0, task.length);
    System.arraycopy(vector, 0, dense, task.length, vector.length);
    return new Features(dense, HashedWords.of(words, buckets));
  }

  public int buckets() {
    return buckets;
  }

  /** Dense feature names in order, recorded in the weights so a layout change is refused instead of misread. */
  public List<String> names() {
    List<String> names = new ArrayList<>(TaskFeatures.NAMES);
    for (int d = 0; d < embeddings.dimension(); d++) {
      names.add("static_" + d);
    }
    return names;
  }

  public StaticEmbeddings embeddings() {
    return embeddings;
  }
}
