package dev.gearbox.router.classifier;

/**
 * One prompt's input to a head: dense values, standardised by the encoder, and hashed term buckets.
 *
 * @param terms sorted, distinct bucket indices; empty when the head reads no terms
 */
public record Features(float[] dense, int[] terms) {

  public static Features dense(float[] values) {
    return new Features(values, new int[0]);
  }
}
