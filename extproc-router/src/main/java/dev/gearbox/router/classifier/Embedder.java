package dev.gearbox.router.classifier;

/** Turns text into a unit-length sentence embedding. Implementations are thread-safe. */
public interface Embedder {
  float[] embed(String text);
}
