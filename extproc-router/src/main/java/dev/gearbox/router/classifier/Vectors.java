package dev.gearbox.router.classifier;

/** Vector arithmetic for embeddings: pooling, normalisation, similarity. Pure. */
public final class Vectors {
  private Vectors() {
  }

  /**
   * Mean of the token vectors whose mask is 1, L2-normalised: the sentence-transformers recipe for MiniLM.
   *
   * @param hidden last_hidden_state of one sequence, [tokens][dimension]
   */
  public static float[] meanPool(float[][] hidden, long[] mask) {
    int dimension = hidden[0].length;
    float[] sum = new float[dimension];
    int counted = 0;
    for (int t = 0; t < hidden.length; t++) {
      if (mask[t] == 0) {
        continue;
      }
      counted++;
      for (int d = 0; d < dimension; d++) {
        sum[d] += hidden[t][d];
      }
    }
    for (int d = 0; d < dimension; d++) {
      sum[d] /= Math.max(1, counted);
    }
    return normalize(sum);
  }

  public static float[] normalize(float[] vector) {
    double norm = Math.sqrt(dot(vector, vector));
    if (norm < 1e-12) {
      return vector;
    }
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = (float) (vector[i] / norm);
    }
    return unit;
  }

  public static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Cosine similarity of two unit vectors. */
  public static double cosine(float[] unitA, float[] unitB) {
    return dot(unitA, unitB);
  }
}
