package dev.gearbox.operator.reconciler;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec;
import dev.gearbox.api.v1alpha1.ShareReport;
import dev.gearbox.api.v1alpha1.ShareReportSpec.PolicyShares;
import dev.gearbox.api.v1alpha1.ShareReportSpec;
import dev.gearbox.operator.MockCluster;
import dev.gearbox.operator.status.ShareStatusAggregator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.gearbox.operator.reconciler.ClusterAsserts.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two router replicas' ShareReports, added up by the running operator into the policy's status. */
class ShareReportIT {
  private static final List<String> TIERS = List.of("small", "frontier");

  private MockCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = MockCluster.withOperator();
    client = cluster.client();
    RoutingPolicy policy = Fixtures.policy("team", "auto", TIERS, "small", null);
    RoutingPolicySpec s = policy.getSpec();
    policy.setSpec(new RoutingPolicySpec(s.match(), s.priority(), s.tiers(), s.defaultTier(), s.rules(),
        new Complexity(null, List.of(60, 40), Complexity.Calibration.Track, null, null), s.embedding(),
        s.stickiness(), s.fallback(), s.failureMode(), s.mode(), s.logPrompts()));
    client.resource(policy).create();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private void report(String router, String namespace, long small, long frontier) {
    ShareReport report = new ShareReport();
    report.setMetadata(new ObjectMetaBuilder().withName(router).withNamespace(namespace).build());
    report.setSpec(new ShareReportSpec(router, Instant.now().toString(), List.of(new PolicyShares("team", "auto",
        TIERS, List.of(small, frontier), List.of(0.5), null, null))));
    client.resource(report).createOr(existing -> existing.update());
  }

  private RoutingPolicy policy() {
    return client.resources(RoutingPolicy.class).inNamespace("team").withName("auto").get();
  }

  @Test
  void theReplicasReportsAddUpAndAChangedReportChangesTheCondition() {
    report("router-a", "gearbox-system", 1000, 2000);
    report("router-b", "gearbox-system", 2000, 1000);
    // Reports outside the routers' namespace are not trusted: a tenant could forge them.
    report("forged", "team", 100_000, 0);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(policy().getStatus()).isNotNull();
      assertThat(policy().getStatus().shares()).isNotNull();
      assertThat(policy().getStatus().shares().window()).isEqualTo(6000);
    });
    assertThat(policy().getStatus().shares().replicas()).isEqualTo(2);
    assertThat(policy().getStatus().shares().topTier()).isEqualTo("frontier 50.0%");
    assertThat(condition(policy().getStatus().conditions(), ShareStatusAggregator.SHARES_ON_TARGET).getMessage())
        .isEqualTo("frontier 50% vs target 40% over the last 6,000 requests");

    report("router-a", "gearbox-system", 1600, 1400);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        condition(policy().getStatus().conditions(), ShareStatusAggregator.SHARES_ON_TARGET).getStatus())
        .isEqualTo("True"));
    assertThat(policy().getStatus().shares().topTier()).isEqualTo("frontier 40.0%");
  }
}
