package dev.gearbox.router.replay;

/**
 * Labelled tiers against routed tiers: accuracy, recall per label, and how much traffic went below (under-routed)
 * or above (over-routed) its label. Tiers are 0-based indices in the policy's order. Pure.
 */
public final class Confusion {
  private final long[][] counts;
  private long total;

  public Confusion(int tiers) {
    this.counts = new long[tiers][tiers];
  }

  public void add(int label, int routed) {
    counts[label][routed]++;
    total++;
  }

  public int tiers() {
    return counts.length;
  }

  /** [label][routed] counts. */
  public long[][] matrix() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  public double accuracy() {
    long right = 0;
    for (int i = 0; i < counts.length; i++) {
      right += counts[i][i];
    }
    return share(right);
  }

  /** Share of traffic routed to a cheaper tier than its label. */
  public double underRouted() {
    long under = 0;
    for (int label = 0; label < counts.length; label++) {
      for (int routed = 0; routed < label; routed++) {
        under += counts[label][routed];
      }
    }
    return share(under);
  }

  /** Share of traffic routed to a dearer tier than its label. */
  public double overRouted() {
    return total == 0 ? 0 : Math.max(0, 1 - accuracy() - underRouted());
  }

  /** Per label: the share of its prompts routed to it, or NaN when the label never occurs. */
  public double[] recall() {
    double[] recall = new double[counts.length];
    for (int label = 0; label < counts.length; label++) {
      long row = 0;
      for (long c : counts[label]) {
        row += c;
      }
      recall[label] = row == 0 ? Double.NaN : (double) counts[label][label] / row;
    }
    return recall;
  }

  /** Per routed tier: the share of all labelled traffic sent there. */
  public double[] routedShares() {
    double[] shares = new double[counts.length];
    for (long[] row : counts) {
      for (int routed = 0; routed < row.length; routed++) {
        shares[routed] += row[routed];
      }
    }
    for (int routed = 0; routed < shares.length; routed++) {
      shares[routed] = share((long) shares[routed]);
    }
    return shares;
  }

  private double share(long count) {
    return total == 0 ? 0 : (double) count / total;
  }
}
