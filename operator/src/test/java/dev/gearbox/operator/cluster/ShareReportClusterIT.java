package dev.gearbox.operator.cluster;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.ShareReport;
import dev.gearbox.operator.status.ShareStatusAggregator;
import dev.gearbox.router.cli.Wiring;
import dev.gearbox.router.policy.ClusterPolicySource;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.report.ShareReporter;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SessionStores;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gearbox.operator.reconciler.ClusterAsserts.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shares loop on a real API server, each side with the chart's RBAC: a router reads a policy, routes requests
 * and writes its ShareReport (the CRD's schema keeps every field); the operator adds it up into the policy's status.
 */
@ExtendWith(ControlPlaneExtension.class)
class ShareReportClusterIT {
  private static final String NS = "default"; // the chart's router.policyNamespaces
  private final TestControlPlane cluster;

  ShareReportClusterIT(TestControlPlane cluster) {
    this.cluster = cluster;
  }

  @Test
  void aRoutersReportReachesThePolicysStatus() throws Exception {
    KubernetesClient admin = cluster.admin();
    List<String> errors = new ArrayList<>();
    new ResourceFiles(NS).parse("fleet.yaml", """
        apiVersion: gearbox.dev/v1alpha1
        kind: ModelTier
        metadata: {name: small}
        spec: {model: small-model, rank: 0, endpoint: {url: "https://small.example.com/v1"}}
        ---
        apiVersion: gearbox.dev/v1alpha1
        kind: ModelTier
        metadata: {name: frontier}
        spec: {model: frontier-model, rank: 1, endpoint: {url: "https://frontier.example.com/v1"}}
        ---
        apiVersion: gearbox.dev/v1alpha1
        kind: RoutingPolicy
        metadata: {name: shares}
        spec:
          match: {models: [auto]}
          tiers: [small, frontier]
          defaultTier: small
          complexity: {targetShares: [50, 50], tracking: {minSample: 10}}
        """, errors).forEach(resource -> admin.resource(resource).create());
    assertThat(errors).isEmpty();
    ChartComponent router = ChartComponent.router().install(admin);
    SnapshotHolder snapshots = new SnapshotHolder(() -> { });

    try (ChartOperatorRun ignored = ChartOperatorRun.start(cluster);
        KubernetesClient asRouter = router.client(cluster);
        ClusterPolicySource policies = new ClusterPolicySource(asRouter, NS, Wiring.classifiers(),
            new SessionStores(), snapshots)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> !snapshots.get().isEmpty());
      RequestRouter requests = new RequestRouter(snapshots, RouterSettings.defaults(), RouterEvents.NONE);
      for (int i = 0; i < 20; i++) {
        requests.onBody(Map.of(":path", "/v1/chat/completions", ":method", "POST", "content-type",
            "application/json"), ("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"question "
            + i + "\"}]}").getBytes(StandardCharsets.UTF_8));
      }
      ShareReporter reporter = new ShareReporter(asRouter, new ShareReporter.Pod(ChartComponent.NAMESPACE,
          "gearbox-router-0", null), snapshots, new SimpleMeterRegistry(), Clock.systemUTC());
      reporter.report();
      reporter.report(); // the second write replaces the first

      ShareReport written = admin.resources(ShareReport.class).inNamespace(ChartComponent.NAMESPACE)
          .withName("gearbox-router-0").get();
      assertThat(written.getSpec().policies()).singleElement().satisfies(p -> {
        assertThat(p.tiers()).containsExactly("small", "frontier");
        assertThat(p.decisions().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
        assertThat(p.windowStart()).isNotNull();
      });
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        RoutingPolicy policy = admin.resources(RoutingPolicy.class).inNamespace(NS).withName("shares").get();
        assertThat(policy.getStatus()).isNotNull();
        assertThat(policy.getStatus().shares()).isNotNull();
        assertThat(policy.getStatus().shares().window()).isEqualTo(20);
        assertThat(condition(policy.getStatus().conditions(), ShareStatusAggregator.SHARES_ON_TARGET).getStatus())
            .isIn("True", "False");
      });
    }
  }
}
