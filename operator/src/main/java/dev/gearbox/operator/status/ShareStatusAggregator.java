package dev.gearbox.operator.status;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.ShareReport;
import dev.gearbox.api.v1alpha1.ShareReportSpec.PolicyShares;
import dev.gearbox.api.v1alpha1.ShareStatus.TierShare;
import dev.gearbox.api.v1alpha1.ShareStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Pure: what the router replicas report about a policy, added up into its status. Decisions are summed over the
 * replicas whose reports are fresh and that compiled the policy's current tier list; SharesOnTarget compares the
 * sum with spec.complexity.targetShares, RoutersAccepted says whether some replica refused the current spec.
 */
public final class ShareStatusAggregator {
  public static final String SHARES_ON_TARGET = "SharesOnTarget";
  public static final String ROUTERS_ACCEPTED = "RoutersAccepted";
  /** A report older than this is from a replica that stopped writing (routers write every 30 s). */
  public static final Duration STALE_AFTER = Duration.ofMinutes(3);

  private ShareStatusAggregator() {
  }

  /**
   * The policy's shares from the replicas' reports, or null when none counts; adds SharesOnTarget and
   * RoutersAccepted to {@code conditions} when there is something to say.
   */
  public static ShareStatus aggregate(RoutingPolicy policy, Collection<ShareReport> reports, Instant now,
      ConditionSet conditions) {
    String namespace = policy.getMetadata().getNamespace();
    String name = policy.getMetadata().getName();
    List<String> tiers = policy.getSpec() == null ? null : policy.getSpec().tiers();
    Complexity complexity = policy.getSpec() == null ? null : policy.getSpec().complexity();
    List<Entry> fresh = new ArrayList<>();
    for (ShareReport report : reports) {
      if (report.getSpec() == null || report.getSpec().policies() == null || !isFresh(report, now)) {
        continue;
      }
      report.getSpec().policies().stream()
          .filter(p -> namespace.equals(p.namespace()) && name.equals(p.name()))
          .forEach(p -> fresh.add(new Entry(report.getSpec().router(), report.getSpec().observedAt(), p)));
    }
    routersAccepted(fresh, conditions);
    if (complexity == null || tiers == null) {
      return null;
    }
    List<Entry> counted = fresh.stream()
        .filter(e -> e.shares().decisions() != null && Objects.equals(e.shares().tiers(), tiers))
        .filter(e -> e.shares().decisions().size() == tiers.size())
        .toList();
    if (counted.isEmpty()) {
      if (complexity.targetShares() != null) {
        conditions.set(SHARES_ON_TARGET, ConditionSet.UNKNOWN, "NoReports", "no router replica reported "
            + "decisions for this policy in the last " + STALE_AFTER.toMinutes() + " minutes");
      }
      return null;
    }
    ShareStatus shares = sum(counted, tiers, complexity.targetShares());
    if (complexity.targetShares() != null) {
      sharesOnTarget(shares, complexity, conditions);
    }
    return shares;
  }

  private record Entry(String router, String observedAt, PolicyShares shares) {
  }

  private static boolean isFresh(ShareReport report, Instant now) {
    Instant observed = instant(report.getSpec().observedAt());
    return observed != null && !observed.isBefore(now.minus(STALE_AFTER));
  }

  /** Null for a missing or malformed time: a report is data from another process, never trusted to parse. */
  private static Instant instant(String time) {
    try {
      return time == null ? null : Instant.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void routersAccepted(List<Entry> fresh, ConditionSet conditions) {
    if (fresh.isEmpty()) {
      return;
    }
    List<String> refusals = fresh.stream().filter(e -> e.shares().error() != null)
        .map(e -> e.router() + ": " + e.shares().error()).sorted().toList();
    if (refusals.isEmpty()) {
      conditions.set(ROUTERS_ACCEPTED, true, "Compiled", "the " + count(fresh.size(), "reporting router")
          + " route with the current spec");
    } else {
      conditions.set(ROUTERS_ACCEPTED, false, "RouterRefused", String.join("; ", refusals));
    }
  }

  private static ShareStatus sum(List<Entry> counted, List<String> tiers, List<Integer> targets) {
    long[] decisions = new long[tiers.size()];
    int boundaries = tiers.size() - 1;
    double[] weightedThresholds = new double[boundaries];
    double[] plainThresholds = new double[boundaries];
    String since = null;
    String observedAt = null;
    for (Entry entry : counted) {
      long window = 0;
      for (int t = 0; t < decisions.length; t++) {
        long d = entry.shares().decisions().get(t) == null ? 0 : entry.shares().decisions().get(t);
        decisions[t] += d;
        window += d;
      }
      List<Double> thresholds = entry.shares().thresholds();
      for (int b = 0; thresholds != null && b < Math.min(boundaries, thresholds.size()); b++) {
        weightedThresholds[b] += thresholds.get(b) * window;
        plainThresholds[b] += thresholds.get(b) / counted.size();
      }
      since = earliest(since, entry.shares().windowStart());
      observedAt = latest(observedAt, entry.observedAt());
    }
    long total = 0;
    for (long d : decisions) {
      total += d;
    }
    List<TierShare> shares = new ArrayList<>();
    for (int t = 0; t < decisions.length; t++) {
      shares.add(new TierShare(tiers.get(t), percent(decisions[t], total), targets == null ? null : targets.get(t)));
    }
    List<Double> thresholds = new ArrayList<>();
    for (int b = 0; b < boundaries; b++) {
      thresholds.add(round(total == 0 ? plainThresholds[b] : weightedThresholds[b] / total, 4));
    }
    TierShare top = shares.get(shares.size() - 1);
    return new ShareStatus(total, since, observedAt, counted.size(), List.copyOf(shares), List.copyOf(thresholds),
        top.tier() + " " + String.format(Locale.ROOT, "%.1f%%", top.realised()));
  }

  private static void sharesOnTarget(ShareStatus shares, Complexity complexity, ConditionSet conditions) {
    int minSample = complexity.effectiveTracking().effectiveMinSample();
    String over = " over the last " + String.format(Locale.ROOT, "%,d", shares.window()) + " requests";
    if (shares.window() < minSample) {
      conditions.set(SHARES_ON_TARGET, ConditionSet.UNKNOWN, "Measuring", String.format(Locale.ROOT,
          "%,d of the %,d decisions needed before shares are judged", shares.window(), minSample));
      return;
    }
    // The tier furthest off; on a tie the dearer one, whose share costs most.
    TierShare worst = shares.tiers().get(shares.tiers().size() - 1);
    for (int t = shares.tiers().size() - 2; t >= 0; t--) {
      TierShare tier = shares.tiers().get(t);
      if (Math.abs(tier.realised() - tier.target()) > Math.abs(worst.realised() - worst.target())) {
        worst = tier;
      }
    }
    int tolerance = complexity.effectiveShareTolerance();
    if (Math.abs(worst.realised() - worst.target()) > tolerance) {
      conditions.set(SHARES_ON_TARGET, false, "OffTarget", String.format(Locale.ROOT, "%s %.0f%% vs target %d%%",
          worst.tier(), worst.realised(), worst.target()) + over);
    } else {
      conditions.set(SHARES_ON_TARGET, true, "OnTarget", "every tier within " + tolerance
          + " points of its target" + over);
    }
  }

  private static Double percent(long part, long total) {
    return total == 0 ? 0.0 : round(100.0 * part / total, 1);
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  private static String earliest(String a, String b) {
    return instant(b) == null ? a : a == null || instant(b).isBefore(instant(a)) ? b : a;
  }

  private static String latest(String a, String b) {
    return instant(b) == null ? a : a == null || instant(b).isAfter(instant(a)) ? b : a;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
