package dev.gearbox.operator.cluster;

import dev.gearbox.api.v1alpha1.ModelTier;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14: the router's chart RBAC on a real API server, as the router's xDS sources use it. It may watch the
 * EndpointSlices of its policy namespace, and a Secret named in router.secretNames by name (the field-selector
 * watch resourceNames allows), but not list Secrets or read one it was not given.
 */
@ExtendWith(ControlPlaneExtension.class)
class RouterRbacClusterIT {
  private static final String RELEASE_NS = ChartComponent.NAMESPACE;
  private final KubernetesClient admin;
  private final KubernetesClient router;

  RouterRbacClusterIT(TestControlPlane cluster) {
    admin = cluster.admin();
    router = ChartComponent.router().install(admin).client(cluster);
  }

  /**
   * The router's EndpointSlice informer selects app.kubernetes.io/managed-by=gearbox: the endpoint-slice controller
   * passes a Service's labels on to its slices, so the operator's Services' slices carry it.
   */
  @Test
  void aServicesSlicesCarryItsManagedByLabel() {
    admin.resource(new ServiceBuilder().withNewMetadata().withName("slice-probe").withNamespace("default")
        .withLabels(Map.of("app.kubernetes.io/managed-by", "gearbox")).endMetadata()
        .withNewSpec().withSelector(Map.of("gearbox.dev/tier", "slice-probe"))
        .addNewPort().withName("http").withPort(8000).endPort().endSpec().build()).serverSideApply();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(router.discovery().v1().endpointSlices()
        .inNamespace("default").withLabel("app.kubernetes.io/managed-by", "gearbox")
        .withLabel("kubernetes.io/service-name", "slice-probe").list().getItems()).isNotEmpty());
  }

  @Test
  void theRouterWatchesEndpointSlicesAndItsNamedSecretButNoOtherSecret() {
    admin.resource(new SecretBuilder().withNewMetadata().withName("openai-api-key").withNamespace("default")
        .endMetadata().addToStringData("api-key", "sk-cluster").build()).serverSideApply();
    admin.resource(new SecretBuilder().withNewMetadata().withName("unrelated").withNamespace("default")
        .endMetadata().addToStringData("password", "x").build()).serverSideApply();

    try (SharedIndexInformer<EndpointSlice> slices = router.discovery().v1().endpointSlices().inNamespace("default")
             .withLabel("app.kubernetes.io/managed-by", "gearbox").inform();
         SharedIndexInformer<ModelTier> tiers = router.resources(ModelTier.class).inNamespace("default").inform();
         var key = router.secrets().inNamespace("default").withName("openai-api-key").inform()) {
      await().atMost(Duration.ofSeconds(20)).until(() -> slices.hasSynced() && tiers.hasSynced() && key.hasSynced());
      assertThat(key.getStore().list()).singleElement()
          .satisfies(s -> assertThat(s.getData()).containsKey("api-key"));
    }
    assertThatThrownBy(() -> router.secrets().inNamespace("default").list())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
    assertThatThrownBy(() -> router.secrets().inNamespace("default").withName("unrelated").get())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
    assertThatThrownBy(() -> router.secrets().inNamespace(RELEASE_NS).withName("openai-api-key").get())
        .as("only in the policy namespaces").isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("Forbidden");
  }
}
