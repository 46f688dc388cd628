package dev.gearbox.router.replay;

import dev.gearbox.router.classifier.Calibration;
import dev.gearbox.router.classifier.training.TrainingExample;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What held-out scores say about ways of routing the same prompts: per source and overall, accuracy, under- and
 * over-routing and the top tier's share against the labels', each method at thresholds that give the same traffic
 * shares over all its held-out scores. Leave-one-source-out tables come first: they are the figures that hold on
 * unfamiliar traffic.
 */
public final class TrainingReport {
  private final List<TrainingExample> examples;
  private final int tiers;

  /** One way of scoring, with a held-out score per example (higher = more demanding). */
  public record Method(String name, double[] scores) {
  }

  public TrainingReport(List<TrainingExample> examples, int tiers) {
    this.examples = examples;
    this.tiers = tiers;
  }

  /** Prints one table: every method per source and overall, then its means over sources. */
  public void print(String title, List<Method> methods, List<Integer> shares, PrintStream out) {
    out.printf(Locale.ROOT, "%n%s (shares %s; cells: accuracy / under / over / top-tier share, %%)%n", title, shares);
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-26s %5s %5s", "", "n", "top"));
    methods.forEach(m -> header.append(String.format(Locale.ROOT, " | %-23s", m.name())));
    out.println(header);
    List<int[]> routed = new ArrayList<>();
    for (Method m : methods) {
      double[] thresholds = Calibration.thresholds(m.scores(), shares);
      int[] tier = new int[examples.size()];
      for (int i = 0; i < tier.length; i++) {
        tier[i] = Calibration.tier(m.scores()[i], thresholds);
      }
      routed.add(tier);
    }
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    groups.put("overall", all());
    bySource().forEach((source, members) -> groups.put(source, members));
    double[] shareError = new double[methods.size()];
    double[] macroAccuracy = new double[methods.size()];
    for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
      List<Integer> members = group.getValue();
      double labelTop = members.stream().filter(i -> examples.get(i).tier() == tiers - 1).count()
          / (double) members.size();
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-26s %5d %5.1f", group.getKey(),
          members.size(), 100 * labelTop));
      for (int m = 0; m < methods.size(); m++) {
        Confusion c = confusion(members, routed.get(m));
        double top = c.routedShares()[tiers - 1];
        row.append(String.format(Locale.ROOT, " | %5.1f %5.1f %5.1f %5.1f", 100 * c.accuracy(),
            100 * c.underRouted(), 100 * c.overRouted(), 100 * top));
        if (!group.getKey().equals("overall")) {
          shareError[m] += Math.abs(top - labelTop) / (groups.size() - 1);
          macroAccuracy[m] += c.accuracy() / (groups.size() - 1);
        }
      }
      out.println(row);
    }
    for (int m = 0; m < methods.size(); m++) {
      out.printf(Locale.ROOT, "%-26s mean over sources: accuracy %.1f%%, |top-tier share - labels'| %.1f points%n",
          methods.get(m).name(), 100 * macroAccuracy[m], 100 * shareError[m]);
    }
  }

  /** The trade-off around the chosen shares for one method: more top-tier traffic against less under-routing. */
  public void sweep(Method method, List<Integer> shares, PrintStream out) {
    out.printf("%n%s, top-tier share swept (tier 1 share fixed):%ntop share  accuracy  under  over%n",
        method.name());
    for (int top = 30; top <= 56; top += 2) {
      List<Integer> trial = new ArrayList<>(shares);
      trial.set(tiers - 1, top);
      trial.set(tiers - 2, 100 - top - shares.subList(0, tiers - 2).stream().mapToInt(Integer::intValue).sum());
      if (trial.get(tiers - 2) < 0) {
        continue;
      }
      double[] thresholds = Calibration.thresholds(method.scores(), trial);
      int[] tier = new int[examples.size()];
      for (int i = 0; i < tier.length; i++) {
        tier[i] = Calibration.tier(method.scores()[i], thresholds);
      }
      Confusion c = confusion(all(), tier);
      out.printf(Locale.ROOT, "%8d%%  %s  %s %s%n", top, pct(c.accuracy()), pct(c.underRouted()),
          pct(c.overRouted()));
    }
  }

  /**
   * For each source that carries more than one label: how well each method's held-out score orders its top label
   * above its lower ones. Near 0.5 the labels are noise to a prompt-only router.
   */
  public void separability(List<Method> methods, PrintStream out) {
    out.printf("%nwithin sources of several labels, AUC of the top label over the lower ones (0.5 = no signal):%n");
    bySource().forEach((source, members) -> {
      int top = members.stream().mapToInt(i -> examples.get(i).tier()).max().orElseThrow();
      List<Integer> higher = members.stream().filter(i -> examples.get(i).tier() == top).toList();
      List<Integer> lower = members.stream().filter(i -> examples.get(i).tier() < top).toList();
      if (!lower.isEmpty()) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-26s tier %d: %d, lower: %d", source,
            top + 1, higher.size(), lower.size()));
        for (Method m : methods) {
          row.append(String.format(Locale.ROOT, "   %s %.2f", m.name(),
              rankingAuc(values(higher, m.scores()), values(lower, m.scores()))));
        }
        out.println(row);
      }
    });
  }

  private Map<String, List<Integer>> bySource() {
    Map<String, List<Integer>> bySource = new TreeMap<>();
    for (int i = 0; i < examples.size(); i++) {
      bySource.computeIfAbsent(examples.get(i).source(), k -> new ArrayList<>()).add(i);
    }
    return bySource;
  }

  private List<Integer> all() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      all.add(i);
    }
    return all;
  }

  private Confusion confusion(List<Integer> members, int[] routed) {
    Confusion confusion = new Confusion(tiers);
    members.forEach(i -> confusion.add(examples.get(i).tier(), routed[i]));
    return confusion;
  }

  private static double[] values(List<Integer> members, double[] scores) {
    return members.stream().mapToDouble(i -> scores[i]).toArray();
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

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%5.1f%%", 100 * share);
  }
}
