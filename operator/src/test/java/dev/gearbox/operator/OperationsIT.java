package dev.gearbox.operator;

import dev.gearbox.admin.AdminHttpServer;
import dev.gearbox.operator.config.OperatorConfig;
import dev.gearbox.operator.health.OperatorHealth;
import dev.gearbox.operator.reconciler.Fixtures;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Leader election, the probe endpoints and the metrics endpoint, against the mock API server. */
class OperationsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Less than the kubelet's probe period; a probe that waits longer counts as failed. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

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
          false, base.shutdownTimeout(), base.reportNamespace(),
          base.clusterDomain()));

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
      try (AdminHttpServer probes = GearboxOperator.probes(0, health);
          AdminHttpServer metrics = GearboxOperator.metrics(0, cluster.registry())) {
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

  /**
   * Issue 16: the JDK's HTTP server read a request's headers on its one executor thread, so a client that sent half
   * a request and kept the connection open hung every probe after it, and the liveness probe restarted the operator.
   */
  @Test
  void aHalfSentRequestBlocksNoProbe() throws Exception {
    try (MockCluster cluster = MockCluster.withOperator();
        AdminHttpServer probes = GearboxOperator.probes(0, new OperatorHealth(cluster.operator().getRuntimeInfo()));
        AdminHttpServer metrics = GearboxOperator.metrics(0, cluster.registry());
        Socket slowProbe = halfSent(probes.port());
        Socket slowScrape = halfSent(metrics.port())) {
      HttpClient http = HttpClient.newHttpClient();

      assertThat(get(http, probes.port(), "/livez").statusCode()).isEqualTo(200);
      assertThat(get(http, probes.port(), "/startup").statusCode()).isEqualTo(200);
      assertThat(get(http, probes.port(), "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(http, metrics.port(), "/metrics").body()).contains("jvm_memory_used_bytes");
    }
  }

  /** A connection that sent a request line and one header but not the blank line that ends them, held open. */
  private static Socket halfSent(int port) throws Exception {
    Socket socket = new Socket("localhost", port);
    socket.getOutputStream().write("GET /livez HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(PROBE_TIMEOUT)
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
