package dev.gearbox.router.classifier;

import java.util.List;

/**
 * Lays features out for a head: the dense values standardised with the training set's mean and deviation, then
 * the hashed term buckets, each present term weighing {@code termWeight / sqrt(terms)}. Pure.
 *
 * @param mean       per dense feature, from the training set
 * @param scale      the matching standard deviations
 * @param termWeight the L2 norm of a prompt's terms against unit-variance dense features: how much the words count
 */
public record FeatureEncoder(float[] mean, float[] scale, int buckets, float termWeight) {

  public static FeatureEncoder fit(List<float[]> rows, int buckets, float termWeight) {
    int width = rows.get(0).length;
    double[] sum = new double[width];
    double[] squares = new double[width];
    for (float[] row : rows) {
      for (int f = 0; f < width; f++) {
        sum[f] += row[f];
        squares[f] += (double) row[f] * row[f];
      }
    }
    float[] mean = new float[width];
    float[] scale = new float[width];
    int n = rows.size();
    for (int f = 0; f < width; f++) {
      double m = sum[f] / n;
      mean[f] = (float) m;
      scale[f] = (float) Math.max(1e-6, Math.sqrt(Math.max(0, squares[f] / n - m * m)));
    }
    return new FeatureEncoder(mean, scale, buckets, termWeight);
  }

  public int width() {
    return mean.length + buckets;
  }

  public SparseVector encode(Features features) {
    float[] dense = features.dense();
    int[] terms = features.terms();
    int d = dense.length;
    int[] index = new int[d + terms.length];
    float[] value = new float[index.length];
    for (int f = 0; f < d; f++) {
      index[f] = f;
      value[f] = (dense[f] - mean[f]) / scale[f];
    }
    float weight = terms.length == 0 ? 0 : (float) (termWeight / Math.sqrt(terms.length));
    for (int j = 0; j < terms.length; j++) {
      index[d + j] = d + terms[j];
      value[d + j] = weight;
    }
    return new SparseVector(index, value);
  }
}
