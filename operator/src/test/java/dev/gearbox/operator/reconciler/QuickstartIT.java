package dev.gearbox.operator.reconciler;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ModelTierStatus;
import dev.gearbox.api.v1alpha1.ResolvedTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.operator.MockCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.gearbox.operator.reconciler.ClusterAsserts.condition;
import static dev.gearbox.operator.reconciler.ClusterAsserts.markReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** examples/quickstart applied to the mock API server with the operator running. */
class QuickstartIT {
  private static final String NS = "default";

  private MockCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void applyQuickstart() {
    cluster = MockCluster.withOperator();
    client = cluster.client();
    client.resource(new SecretBuilder().withNewMetadata().withName("hf-token").withNamespace(NS).endMetadata()
        .withStringData(Map.of("token", "hf_x")).build()).create();
    client.resource(new SecretBuilder().withNewMetadata().withName("openai-api-key").withNamespace(NS).endMetadata()
        .addToData("api-key", "c2stdGVzdA==").build()).create();
    var loaded = new ResourceFiles(NS).load(MockCluster.REPOSITORY.resolve("examples/quickstart"));
    assertThat(loaded.errors()).isEmpty();
    loaded.tiers().forEach(tier -> client.resource(tier).create());
    loaded.policies().forEach(policy -> client.resource(policy).create());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void selfHostedTiersGetGpuScheduledDeploymentsServicesAndAutoscalers() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(deployment("small")).isNotNull();
      assertThat(deployment("medium")).isNotNull();
      assertThat(client.services().inNamespace(NS).withName("small").get()).isNotNull();
      assertThat(hpa("small")).isNotNull();
    });
    Deployment small = deployment("small");
    var pod = small.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.product", "NVIDIA-L4");
    assertThat(pod.getTolerations()).anyMatch(t -> "nvidia.com/gpu".equals(t.getKey()));
    assertThat(deployment("medium").getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry("nvidia.com/gpu.product", "NVIDIA-L40S");
    ModelTier tier = client.resources(ModelTier.class).inNamespace(NS).withName("small").get();
    assertThat(small.getMetadata().getOwnerReferences())
        .anyMatch(o -> o.getUid().equals(tier.getMetadata().getUid()) && Boolean.TRUE.equals(o.getController()));
    assertThat(client.services().inNamespace(NS).withName("small").get().getSpec().getPorts().get(0).getPort())
        .isEqualTo(8000);
    HorizontalPodAutoscaler hpa = hpa("small");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(4);
    // The external tier has no server; one replica minimum means no disruption budget either.
    assertThat(deployment("frontier")).isNull();
    assertThat(client.resources(PodDisruptionBudget.class).inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void readyDeploymentsMakeTheTiersAndThenThePolicyReady() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(condition(policy().getStatus().conditions(), "Ready").getReason()).isEqualTo("TiersNotReady");
      assertThat(deployment("small")).isNotNull();
      assertThat(deployment("medium")).isNotNull();
    });
    assertThat(condition(tier("frontier").getStatus().conditions(), "Ready").getStatus()).isEqualTo("True");

    markReady(client, deployment("small"), 1);
    markReady(client, deployment("medium"), 1);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ModelTierStatus small = tier("small").getStatus();
      assertThat(condition(small.conditions(), "Ready").getStatus()).isEqualTo("True");
      assertThat(small.readyReplicas()).isEqualTo(1);
      assertThat(small.address()).isEqualTo("small.default.svc.cluster.local:8000");
      assertThat(condition(policy().getStatus().conditions(), "Ready").getStatus()).isEqualTo("True");
    });
    assertThat(policy().getStatus().tiers()).extracting(ResolvedTier::name, ResolvedTier::ready, ResolvedTier::cluster)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("small", true, "default.small"),
            org.assertj.core.groups.Tuple.tuple("medium", true, "default.medium"),
            org.assertj.core.groups.Tuple.tuple("frontier", true, "default.frontier"));
    assertThat(tier("frontier").getStatus().address()).isEqualTo("api.openai.com:443");
  }

  @Test
  void deletingATierUnresolvesThePolicy() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(condition(policy().getStatus().conditions(), "ResolvedRefs").getStatus()).isEqualTo("True"));

    client.resources(ModelTier.class).inNamespace(NS).withName("medium").delete();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Condition resolved = condition(policy().getStatus().conditions(), "ResolvedRefs");
      assertThat(resolved.getStatus()).isEqualTo("False");
      assertThat(resolved.getReason()).isEqualTo("TierNotFound");
      assertThat(resolved.getMessage()).contains("\"medium\"", "spec.tiers[1]");
    });
    assertThat(policy().getStatus().tiers().get(1).found()).isFalse();
  }

  @Test
  void aSpecChangeUpdatesTheDeploymentInPlaceAndARestartDuplicatesNothing() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deployment("small")).isNotNull());
    String uid = deployment("small").getMetadata().getUid();

    addServerArg("small", "--enforce-eager");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(deployment("small").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
            .contains("--enforce-eager"));

    cluster.operator().stop();
    cluster.startOperator(MockCluster.testConfig(java.util.Set.of()));
    addServerArg("small", "--disable-log-requests");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(deployment("small").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
            .contains("--disable-log-requests"));
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(2);
    assertThat(deployment("small").getMetadata().getUid()).isEqualTo(uid);
  }

  /**
   * Like {@code kubectl edit}: the operator may write the tier's status between our read and our write (it does right
   * after a restart), and the API server then answers 409 Conflict; read again and retry, as a user would.
   */
  private void addServerArg(String tier, String arg) {
    await().atMost(Duration.ofSeconds(10)).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
        && k.getCode() == 409).until(() -> {
          client.resources(ModelTier.class).inNamespace(NS).withName(tier).edit(t -> {
            t.getSpec().server().args().add(arg);
            return t;
          });
          return true;
        });
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private HorizontalPodAutoscaler hpa(String name) {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName(name).get();
  }

  private ModelTier tier(String name) {
    return client.resources(ModelTier.class).inNamespace(NS).withName(name).get();
  }

  private RoutingPolicy policy() {
    RoutingPolicy policy = client.resources(RoutingPolicy.class).inNamespace(NS).withName("auto").get();
    assertThat(policy.getStatus()).as("policy status").isNotNull();
    return policy;
  }
}
