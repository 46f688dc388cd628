package dev.gearbox.router.replay;

import dev.gearbox.router.classifier.Calibration;
import dev.gearbox.router.classifier.ComplexityScorer;
import dev.gearbox.router.classifier.CrossValidation.Prediction;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * What cross-validation says about the estimator: held-out accuracy of each head per tier and per source, and the
 * routing quality at target shares next to a length-only baseline calibrated to the same shares.
 */
public final class TrainingReport {
  private static final ToDoubleFunction<Prediction> SCORE = p -> p.score().value();
  private static final ToDoubleFunction<Prediction> LENGTH = p -> p.example().text().length();
  private final List<Prediction> predictions;
  private final int tiers;

  public TrainingReport(List<Prediction> predictions, int tiers) {
    this.predictions = predictions;
    this.tiers = tiers;
  }

  public void print(List<Integer> shares, PrintStream out) {
    double[] thresholds = Calibration.thresholds(values(predictions, SCORE), shares);
    double[] lengthThresholds = Calibration.thresholds(values(predictions, LENGTH), shares);
    long lexical = predictions.stream().filter(p -> p.score().stage() == ComplexityScorer.Stage.LEXICAL).count();
    out.printf(Locale.ROOT, "held-out predictions: %d; answered by the lexical head alone: %.1f%%%n",
        predictions.size(), 100.0 * lexical / predictions.size());
    out.printf(Locale.ROOT, "routing at shares %s: estimator thresholds %s, length thresholds %s (characters)%n%n",
        shares, format(thresholds), format(lengthThresholds));
    out.println(String.format(Locale.ROOT, "%-28s %5s | %-11s %-11s | %-23s | %-23s", "", "n", "lexical acc",
        "full acc", "estimator acc/under/over", "length acc/under/over"));
    Map<String, List<Prediction>> groups = new TreeMap<>();
    for (Prediction p : predictions) {
      groups.computeIfAbsent("tier " + (p.example().tier() + 1), k -> new ArrayList<>()).add(p);
      groups.computeIfAbsent("source " + p.example().source(), k -> new ArrayList<>()).add(p);
    }
    row(out, "overall", predictions, thresholds, lengthThresholds);
    groups.forEach((name, group) -> row(out, name, group, thresholds, lengthThresholds));
    Confusion routed = confusion(predictions, p -> Calibration.tier(p.score().value(), thresholds));
    out.printf(Locale.ROOT, "%nestimator at these shares: %.1f%% off the top tier, routed shares %s%n",
        100 * (1 - routed.routedShares()[tiers - 1]), percent(routed.routedShares()));
    sweep(shares, out);
    separability(out);
  }

  /**
   * For each source that carries more than one label: how well the held-out score orders its top label above its
   * lower ones, next to prompt length. Near 0.5 the labels are noise to a prompt-only router.
   */
  private void separability(PrintStream out) {
    Map<String, List<Prediction>> bySource = new TreeMap<>();
    predictions.forEach(p -> bySource.computeIfAbsent(p.example().source(), k -> new ArrayList<>()).add(p));
    out.printf("%nwithin sources of several labels, AUC of the top label over the lower ones (0.5 = no signal):%n");
    bySource.forEach((source, group) -> {
      int top = group.stream().mapToInt(p -> p.example().tier()).max().orElseThrow();
      List<Prediction> higher = group.stream().filter(p -> p.example().tier() == top).toList();
      List<Prediction> lower = group.stream().filter(p -> p.example().tier() < top).toList();
      if (!lower.isEmpty()) {
        out.printf(Locale.ROOT, "  %-26s tier %d: %d, lower: %d   estimator %.2f   length %.2f%n", source, top + 1,
            higher.size(), lower.size(), rankingAuc(higher, lower, SCORE), rankingAuc(higher, lower, LENGTH));
      }
    });
  }

  private static double rankingAuc(List<Prediction> higher, List<Prediction> lower, ToDoubleFunction<Prediction> by) {
    return rankingAuc(values(higher, by), values(lower, by));
  }

  private static double[] values(List<Prediction> group, ToDoubleFunction<Prediction> by) {
    return group.stream().mapToDouble(by).toArray();
  }

  /** The chance that a random {@code higher} value exceeds a random {@code lower} one, ties counting half. */
  static double rankingAuc(double[] higher, double[] lower) {
    double wins = 0;
    for (double h : higher) {
      for (double l : lower) {
        wins += h > l ? 1 : h == l ? 0.5 : 0;
      }
    }
    return wins / ((double) higher.length * lower.length);
  }

  /** The trade-off around the chosen shares: more top-tier traffic against less under-routing. */
  private void sweep(List<Integer> shares, PrintStream out) {
    double[] scores = values(predictions, SCORE);
    out.println("top share  accuracy  under  over");
    for (int top = 30; top <= 56; top += 2) {
      List<Integer> trial = new ArrayList<>(shares);
      trial.set(tiers - 1, top);
      trial.set(tiers - 2, 100 - top - shares.subList(0, tiers - 2).stream().mapToInt(Integer::intValue).sum());
      if (trial.get(tiers - 2) < 0) {
        continue;
      }
      double[] thresholds = Calibration.thresholds(scores, trial);
      Confusion c = confusion(predictions, p -> Calibration.tier(p.score().value(), thresholds));
      out.printf(Locale.ROOT, "%8d%%  %s  %s %s%n", top, pct(c.accuracy()), pct(c.underRouted()),
          pct(c.overRouted()));
    }
  }

  private void row(PrintStream out, String name, List<Prediction> group, double[] thresholds, double[] length) {
    Confusion lexical = confusion(group, Prediction::lexicalArgmax);
    Confusion full = confusion(group, Prediction::fullArgmax);
    Confusion routed = confusion(group, p -> Calibration.tier(p.score().value(), thresholds));
    Confusion baseline = confusion(group, p -> Calibration.tier(p.example().text().length(), length));
    out.println(String.format(Locale.ROOT, "%-28s %5d | %-11s %-11s | %-23s | %-23s", name, group.size(),
        pct(lexical.accuracy()), pct(full.accuracy()), triple(routed), triple(baseline)));
  }

  private Confusion confusion(List<Prediction> group, ToIntFunction<Prediction> routed) {
    Confusion confusion = new Confusion(tiers);
    for (Prediction p : group) {
      confusion.add(p.example().tier(), routed.applyAsInt(p));
    }
    return confusion;
  }

  private static String triple(Confusion c) {
    return pct(c.accuracy()) + " " + pct(c.underRouted()) + " " + pct(c.overRouted());
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%5.1f%%", 100 * share);
  }

  private static String percent(double[] shares) {
    StringBuilder text = new StringBuilder();
    for (double s : shares) {
      text.append(text.isEmpty() ? "" : "/").append(String.format(Locale.ROOT, "%.1f", 100 * s));
    }
    return text.toString();
  }

  private static String format(double[] values) {
    StringBuilder text = new StringBuilder("[");
    for (double v : values) {
      text.append(text.length() == 1 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", v));
    }
    return text.append(']').toString();
  }
}
