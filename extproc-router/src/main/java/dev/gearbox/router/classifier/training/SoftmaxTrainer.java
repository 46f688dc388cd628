package dev.gearbox.router.classifier.training;

import dev.gearbox.router.classifier.SoftmaxHead;
import dev.gearbox.router.classifier.SparseVector;

import java.util.List;

/**
 * Fits a {@link SoftmaxHead} by full-batch Adam on the weighted cross-entropy with an L2 penalty. Deterministic:
 * weights start at zero and every pass sees the examples in the same order. Pure.
 */
public final class SoftmaxTrainer {

  public record Options(int epochs, double learningRate, double l2) {
  }

  private SoftmaxTrainer() {
  }

  /**
   * @param labels       0-based tier per example
   * @param sampleWeight per example, e.g. to balance tiers
   */
  public static SoftmaxHead train(List<SparseVector> examples, int[] labels, double[] sampleWeight, int width,
      int tiers, Options options) {
    float[][] w = new float[tiers][width];
    float[] b = new float[tiers];
    Adam adamW = new Adam(tiers * width);
    Adam adamB = new Adam(tiers);
    double totalWeight = 0;
    for (double sw : sampleWeight) {
      totalWeight += sw;
    }
    double[] gradW = new double[tiers * width];
    double[] gradB = new double[tiers];
    SoftmaxHead head = new SoftmaxHead(w, b);
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      java.util.Arrays.fill(gradW, 0);
      java.util.Arrays.fill(gradB, 0);
      for (int i = 0; i < examples.size(); i++) {
        SparseVector x = examples.get(i);
        double[] p = head.probabilities(x);
        for (int k = 0; k < tiers; k++) {
          double g = sampleWeight[i] / totalWeight * (p[k] - (labels[i] == k ? 1 : 0));
          gradB[k] += g;
          int row = k * width;
          for (int j = 0; j < x.size(); j++) {
            gradW[row + x.index()[j]] += g * x.value()[j];
          }
        }
      }
      for (int k = 0; k < tiers; k++) {
        for (int f = 0; f < width; f++) {
          gradW[k * width + f] += options.l2() * w[k][f];
        }
      }
      adamW.step(epoch, gradW, options.learningRate(), (index, delta) -> w[index / width][index % width] -= delta);
      adamB.step(epoch, gradB, options.learningRate(), (index, delta) -> b[index] -= delta);
    }
    return head;
  }

  /** Adam's moment estimates for one parameter block. */
  private static final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private final double[] m;
    private final double[] v;

    Adam(int size) {
      m = new double[size];
      v = new double[size];
    }

    interface Update {
      void apply(int index, float delta);
    }

    void step(int t, double[] grad, double rate, Update update) {
      double c1 = 1 - Math.pow(BETA1, t);
      double c2 = 1 - Math.pow(BETA2, t);
      for (int i = 0; i < grad.length; i++) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
        update.apply(i, (float) (rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8)));
      }
    }
  }
}
