package dev.gearbox.router.classifier;

/**
 * A labelled prompt with its features computed once.
 *
 * @param tier 0-based tier label
 */
public record TrainingExample(String text, float[] dense, int[] terms, float[] embedding, int tier, String source) {

  public static TrainingExample of(String text, int tier, String source, float[] embedding, int buckets) {
    return new TrainingExample(text, LexicalFeatures.dense(text), LexicalFeatures.hashedTerms(text, buckets),
        embedding, tier, source);
  }
}
