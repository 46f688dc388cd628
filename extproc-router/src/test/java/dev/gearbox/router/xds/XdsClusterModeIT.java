package dev.gearbox.router.xds;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.TierNames;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Cluster mode against the (mock) API server: tier and EndpointSlice events change the next snapshot. */
@EnableKubernetesMockClient(crud = true)
class XdsClusterModeIT {
  static KubernetesClient client;

  private static EndpointSlice slice(boolean ready) {
    return new EndpointSliceBuilder().withNewMetadata().withName("small-abc12").withNamespace("team")
        .withLabels(Map.of(ClusterXdsInputs.SERVICE_NAME, "small", TierNames.MANAGED_BY, TierNames.MANAGER))
        .endMetadata()
        .withAddressType("IPv4")
        .addNewPort().withName("http").withPort(8000).withProtocol("TCP").endPort()
        .addNewEndpoint().withAddresses("10.1.0.7").withNewConditions().withReady(ready).withServing(ready)
        .withTerminating(false).endConditions().endEndpoint()
        .build();
  }

  private static List<HealthStatus> smallEndpoints(XdsServer server) {
    Snapshot snapshot = server.current();
    var assignment = snapshot == null ? null : snapshot.endpoints().resources().get("team.small");
    return assignment == null ? null : assignment.getEndpointsList().stream()
        .flatMap(l -> l.getLbEndpointsList().stream()).map(LbEndpoint::getHealthStatus).toList();
  }

  @Test
  void aTierCreatedMadeReadyMadeUnreadyAndDeletedChangesTheNextSnapshot() throws Exception {
    try (ClusterModeRouter router = new ClusterModeRouter(client, "team")) {
      XdsServer server = router.server;
      ModelTier small = XdsFixtures.tiers(XdsFixtures.TIERS).get(0);
      client.resource(small).create();
      await().untilAsserted(() -> assertThat(smallEndpoints(server)).as("created: a cluster, no endpoint yet")
          .isEmpty());
      assertThat(server.current().clusters().resources().get("team.small").getType().name()).isEqualTo("EDS");

      client.resource(slice(false)).create();
      await().untilAsserted(() -> assertThat(smallEndpoints(server)).containsExactly(HealthStatus.UNHEALTHY));
      client.resource(slice(true)).update();
      await().untilAsserted(() -> assertThat(smallEndpoints(server)).as("ready").containsExactly(HealthStatus.HEALTHY));
      client.resource(slice(false)).update();
      await().untilAsserted(() -> assertThat(smallEndpoints(server)).as("unready")
          .containsExactly(HealthStatus.UNHEALTHY));

      client.resource(small).delete();
      await().untilAsserted(() -> assertThat(server.current().clusters().resources()).isEmpty());
      assertThat(server.current().endpoints().resources()).isEmpty();
    }
  }

  @Test
  void anExternalTiersKeyComesFromItsSecretAndRotatesWithIt() throws Exception {
    try (ClusterModeRouter router = new ClusterModeRouter(client, "team")) {
      XdsServer server = router.server;
      client.resource(XdsFixtures.tiers(XdsFixtures.TIERS).get(2)).create();
      await().untilAsserted(() -> assertThat(server.current().clusters().resources()).containsKey("team.large"));
      assertThat(server.current().secrets().resources()).as("no Secret yet").isEmpty();

      client.resource(new SecretBuilder().withNewMetadata().withName("provider").withNamespace("team").endMetadata()
          .addToData("api-key", base64("sk-one")).build()).create();
      await().untilAsserted(() -> assertThat(apiKey(server)).isEqualTo("Bearer sk-one"));
      client.resource(new SecretBuilder().withNewMetadata().withName("provider").withNamespace("team").endMetadata()
          .addToData("api-key", base64("sk-two")).build()).update();
      await().untilAsserted(() -> assertThat(apiKey(server)).as("rotated").isEqualTo("Bearer sk-two"));
      client.resource(XdsFixtures.tiers(XdsFixtures.TIERS).get(2)).delete();
      await().untilAsserted(() -> assertThat(server.current().secrets().resources()).isEmpty());
    }
  }

  /** The mock API server does not turn stringData into data as a real one does. */
  private static String base64(String value) {
    return java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String apiKey(XdsServer server) {
    var secret = server.current().secrets().resources().get("team.large.api-key");
    return secret == null ? null : secret.getGenericSecret().getSecret().getInlineString();
  }
}
