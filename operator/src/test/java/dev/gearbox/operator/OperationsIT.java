package dev.gearbox.operator;

import dev.gearbox.operator.config.OperatorConfig;
import dev.gearbox.operator.health.HttpEndpoints;
import dev.gearbox.operator.health.OperatorHealth;
import dev.gearbox.operator.reconciler.Fixtures;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Leader election, the probe endpoints and the metrics endpoint, against the mock API server. */
class OperationsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theLeaderTakesTheLeaseAndReconciles() throws Exception {
    try (MockCluster cluster = MockCluster.withoutOperator()) {
      // The mock cannot answer the SDK's permission check on Leases (it returns 422); answer it as RBAC would.
      cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
          .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
              .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("get", "create", "update")
              .endResourceRule().withIncomplete(false).endStatus().build())
          .always();
      OperatorConfig base = MockCluster.testConfig(Set.of("team-a"));
      cluster.startOperator(new OperatorConfig(base.namespaces(), true, "gearbox-operator", "gearbox-system", 0, 0,
          false, base.shutdownTimeout(), base.reportNamespace()));

      cluster.client().resource(Fixtures.serverTier("team-a", "small", 1)).create();

      await().atMost(WAIT).untilAsserted(() -> {
        Lease lease = cluster.client().leases().inNamespace("gearbox-system").withName("gearbox-operator").get();
        assertThat(lease).isNotNull();
        assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
        assertThat(cluster.client().apps().deployments().inNamespace("team-a").withName("small").get()).isNotNull();
      });
    }
  }

  @Test
  void probesAndMetricsAnswerOverHttp() throws Exception {
    try (MockCluster cluster = MockCluster.withOperator()) {
      OperatorHealth health = new OperatorHealth(cluster.operator().getRuntimeInfo());
      // The endpoints main serves, over the registry main builds (MockCluster uses it too).
      try (HttpEndpoints probes = GearboxOperator.probes(0, health);
          HttpEndpoints metrics = GearboxOperator.metrics(0, cluster.registry())) {
        HttpClient http = HttpClient.newHttpClient();
        cluster.client().resource(Fixtures.serverTier("team-a", "small", 1)).create();

        await().atMost(WAIT).untilAsserted(() ->
            assertThat(get(http, probes.port(), "/readyz").statusCode()).isEqualTo(200));
        await().atMost(WAIT).untilAsserted(() -> assertThat(get(http, metrics.port(), "/metrics").body())
            .contains("gearbox_tier_ready_replicas{namespace=\"team-a\",tier=\"small\"} 0.0")
            .contains("operator_sdk_reconciliations_success_total", "operator_sdk_events_received_total")
            .contains("jvm_memory_used_bytes"));
        assertThat(get(http, metrics.port(), "/metrics").headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(get(http, probes.port(), "/nothing").statusCode()).isEqualTo(404);
      }
      assertThat(health.get().unhealthy()).isEmpty();
    }
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
