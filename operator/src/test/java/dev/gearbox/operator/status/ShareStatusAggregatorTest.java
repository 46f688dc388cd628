package dev.gearbox.operator.status;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec;
import dev.gearbox.api.v1alpha1.ShareReport;
import dev.gearbox.api.v1alpha1.ShareReportSpec.PolicyShares;
import dev.gearbox.api.v1alpha1.ShareReportSpec;
import dev.gearbox.api.v1alpha1.ShareStatus.TierShare;
import dev.gearbox.api.v1alpha1.ShareStatus;
import dev.gearbox.operator.reconciler.Fixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShareStatusAggregatorTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final List<String> TIERS = List.of("small", "medium", "frontier");

  private static RoutingPolicy policy(Complexity complexity) {
    RoutingPolicy policy = Fixtures.policy("team", "auto", TIERS, "small", null);
    RoutingPolicySpec s = policy.getSpec();
    policy.setSpec(new RoutingPolicySpec(s.match(), s.priority(), s.tiers(), s.defaultTier(), s.rules(), complexity,
        s.embedding(), s.stickiness(), s.fallback(), s.failureMode(), s.mode(), s.logPrompts()));
    return policy;
  }

  private static RoutingPolicy tracked() {
    return policy(new Complexity(null, List.of(35, 25, 40), Complexity.Calibration.Track, null, null));
  }

  private static ShareReport report(String router, Instant observedAt, PolicyShares... policies) {
    ShareReport report = new ShareReport();
    report.setMetadata(new ObjectMetaBuilder().withName(router).withNamespace("gearbox-system").build());
    report.setSpec(new ShareReportSpec(router, observedAt.toString(), List.of(policies)));
    return report;
  }

  private static PolicyShares shares(List<Long> decisions, List<Double> thresholds, String windowStart) {
    return new PolicyShares("team", "auto", TIERS, decisions, thresholds, windowStart, null);
  }

  private static Condition condition(ConditionSet conditions, String type) {
    return ConditionSet.find(conditions.build(), type).orElseThrow();
  }

  @Test
  void twoReplicasAddUpAndTheWorstTierIsNamed() {
    ConditionSet conditions = new ConditionSet(null, 1L, NOW);
    List<ShareReport> reports = List.of(
        report("router-a", NOW.minusSeconds(10),
            shares(List.of(1500L, 1000L, 3500L), List.of(0.2, 0.6), "2026-12-01T11:00:00Z")),
        report("router-b", NOW.minusSeconds(20),
            shares(List.of(500L, 1000L, 2500L), List.of(0.3, 0.7), "2026-12-01T11:30:00Z")));

    ShareStatus status = ShareStatusAggregator.aggregate(tracked(), reports, NOW, conditions);

    assertThat(status.window()).isEqualTo(10_000);
    assertThat(status.replicas()).isEqualTo(2);
    assertThat(status.since()).isEqualTo("2026-12-01T11:00:00Z");
    assertThat(status.observedAt()).isEqualTo(NOW.minusSeconds(10).toString());
    assertThat(status.tiers()).containsExactly(new TierShare("small", 20.0, 35), new TierShare("medium", 20.0, 25),
        new TierShare("frontier", 60.0, 40));
    // Weighted by each replica's decisions: 0.2 * 6000 + 0.3 * 4000 over 10000.
    assertThat(status.thresholds()).containsExactly(0.24, 0.64);
    assertThat(status.topTier()).isEqualTo("frontier 60.0%");
    Condition onTarget = condition(conditions, ShareStatusAggregator.SHARES_ON_TARGET);
    assertThat(onTarget.getStatus()).isEqualTo("False");
    assertThat(onTarget.getMessage()).isEqualTo("frontier 60% vs target 40% over the last 10,000 requests");
    assertThat(condition(conditions, ShareStatusAggregator.ROUTERS_ACCEPTED).getStatus()).isEqualTo("True");
  }

  @Test
  void withinTheToleranceIsOnTarget() {
    ConditionSet conditions = new ConditionSet(null, 1L, NOW);
    List<ShareReport> reports = List.of(report("router-a", NOW,
        shares(List.of(3300L, 2700L, 4000L), List.of(0.2, 0.6), null)));

    ShareStatusAggregator.aggregate(tracked(), reports, NOW, conditions);

    Condition onTarget = condition(conditions, ShareStatusAggregator.SHARES_ON_TARGET);
    assertThat(onTarget.getStatus()).isEqualTo("True");
    assertThat(onTarget.getMessage()).isEqualTo("every tier within 5 points of its target over the last 10,000 "
        + "requests");
  }

  @Test
  void staleReportsOtherTierListsAndOtherPoliciesDoNotCount() {
    ConditionSet conditions = new ConditionSet(null, 1L, NOW);
    List<ShareReport> reports = List.of(
        report("gone", NOW.minus(ShareStatusAggregator.STALE_AFTER).minusSeconds(1),
            shares(List.of(1L, 1L, 1L), List.of(0.2, 0.6), null)),
        report("old-spec", NOW, new PolicyShares("team", "auto", List.of("small", "frontier"), List.of(5L, 5L),
            List.of(0.5), null, null)),
        report("other", NOW, new PolicyShares("team", "other", TIERS, List.of(5L, 5L, 5L), List.of(0.2, 0.6),
            null, null)),
        report("forged", NOW, new PolicyShares("team", "auto", TIERS, List.of(1L, 1L, 1L), List.of(0.2, 0.6),
            "yesterday", null)));

    ShareStatus status = ShareStatusAggregator.aggregate(tracked(), reports, NOW, conditions);

    assertThat(status.replicas()).isEqualTo(1);
    assertThat(status.window()).isEqualTo(3);
    assertThat(status.since()).isNull();
    Condition measuring = condition(conditions, ShareStatusAggregator.SHARES_ON_TARGET);
    assertThat(measuring.getStatus()).isEqualTo("Unknown");
    assertThat(measuring.getMessage()).isEqualTo("3 of the 1,000 decisions needed before shares are judged");
  }

  @Test
  void noReportIsUnknownAndARefusingRouterIsNamed() {
    ConditionSet none = new ConditionSet(null, 1L, NOW);
    assertThat(ShareStatusAggregator.aggregate(tracked(), List.of(), NOW, none)).isNull();
    assertThat(condition(none, ShareStatusAggregator.SHARES_ON_TARGET).getReason()).isEqualTo("NoReports");

    ConditionSet refused = new ConditionSet(null, 1L, NOW);
    ShareStatusAggregator.aggregate(tracked(), List.of(report("router-a", NOW, new PolicyShares("team", "auto",
        TIERS, List.of(1L, 1L, 1L), List.of(0.2, 0.6), null,
        "weights configmap/w/weights.json: the weights have format version 2"))), NOW, refused);
    Condition accepted = condition(refused, ShareStatusAggregator.ROUTERS_ACCEPTED);
    assertThat(accepted.getStatus()).isEqualTo("False");
    assertThat(accepted.getMessage())
        .isEqualTo("router-a: weights configmap/w/weights.json: the weights have format version 2");
  }

  @Test
  void thresholdsWithoutTargetsReportSharesButJudgeNothing() {
    ConditionSet conditions = new ConditionSet(null, 1L, NOW);
    ShareStatus status = ShareStatusAggregator.aggregate(policy(new Complexity(List.of(0.2, 0.7), null)),
        List.of(report("router-a", NOW, shares(List.of(10L, 10L, 80L), List.of(0.2, 0.7), null))), NOW, conditions);

    assertThat(status.tiers()).extracting(TierShare::target).containsOnlyNulls();
    assertThat(status.topTier()).isEqualTo("frontier 80.0%");
    assertThat(ConditionSet.find(conditions.build(), ShareStatusAggregator.SHARES_ON_TARGET)).isEmpty();
  }
}
