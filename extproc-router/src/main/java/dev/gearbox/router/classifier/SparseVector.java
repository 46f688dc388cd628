package dev.gearbox.router.classifier;

/** A feature vector as parallel arrays of ascending indices and their values. */
public record SparseVector(int[] index, float[] value) {

  public int size() {
    return index.length;
  }
}
