package dev.gearbox.router.classifier;

/**
 * A multinomial logistic regression: one weight row and bias per tier, softmax over the scores. Pure.
 *
 * @param weights [tiers][features]
 */
public record SoftmaxHead(float[][] weights, float[] bias) {

  public int tiers() {
    return bias.length;
  }

  public double[] probabilities(SparseVector x) {
    double[] logits = new double[bias.length];
    for (int k = 0; k < logits.length; k++) {
      float[] w = weights[k];
      double sum = bias[k];
      for (int i = 0; i < x.size(); i++) {
        sum += w[x.index()[i]] * x.value()[i];
      }
      logits[k] = sum;
    }
    return softmax(logits);
  }

  static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double total = 0;
    double[] p = new double[logits.length];
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.exp(logits[k] - max);
      total += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= total;
    }
    return p;
  }

  /** The expected tier scaled to [0, 1]: 0 when surely the lowest tier, 1 when surely the top one. */
  public static double expectedTier(double[] p) {
    double sum = 0;
    for (int k = 1; k < p.length; k++) {
      sum += p[k] * k;
    }
    return sum / (p.length - 1);
  }

  public static double max(double[] p) {
    double max = 0;
    for (double v : p) {
      max = Math.max(max, v);
    }
    return max;
  }
}
