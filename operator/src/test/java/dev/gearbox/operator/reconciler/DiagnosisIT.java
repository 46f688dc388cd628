package dev.gearbox.operator.reconciler;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.operator.MockCluster;
import dev.gearbox.operator.dependent.TierNaming;
import dev.gearbox.operator.metrics.TierMetrics;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.gearbox.operator.reconciler.ClusterAsserts.condition;
import static dev.gearbox.operator.reconciler.ClusterAsserts.markReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Status a person can act on: invalid policies, unschedulable pods, missing Secrets; and the tier metric. */
class DiagnosisIT {
  private static final String NS = "team-a";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private MockCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = MockCluster.withOperator();
    client = cluster.client();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void anInvalidPolicyIsNotAcceptedAndGetsOneWarningEventNamingTheField() {
    client.resource(Fixtures.policy(NS, "broken", List.of("small"), "small",
        List.of(Fixtures.regexRule("code", "small", "(unclosed")))).create();

    await().atMost(WAIT).untilAsserted(() -> {
      Condition accepted = condition(policy("broken").getStatus().conditions(), "Accepted");
      assertThat(accepted.getStatus()).isEqualTo("False");
      assertThat(accepted.getReason()).isEqualTo("InvalidSpec");
      assertThat(accepted.getMessage()).contains("spec.rules[0].regex", "does not compile");
      assertThat(warnings()).hasSize(1);
    });
    assertThat(warnings().get(0).getMessage()).contains("spec.rules[0].regex");
    assertThat(warnings().get(0).getInvolvedObject().getName()).isEqualTo("broken");

    // Another reconcile (the named tier appears) keeps the same problem: no second Event.
    client.resource(Fixtures.endpointTier(NS, "small", "key")).create();
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(condition(policy("broken").getStatus().conditions(), "ResolvedRefs").getStatus()).isEqualTo("True"));
    assertThat(warnings()).hasSize(1);
  }

  /** Issue 16: the workflow created the GPU Deployment before the validator ran. */
  @Test
  void anInvalidServerTierGetsItsStatusAndOneEventAndNoDeployment() {
    client.resource(Fixtures.serverTier(NS, "1small", 1)).create(); // a Service name must start with a letter

    await().atMost(WAIT).untilAsserted(() -> {
      Condition progressing = condition(tier("1small").getStatus().conditions(), "Progressing");
      assertThat(progressing.getReason()).isEqualTo("InvalidSpec");
      assertThat(progressing.getMessage()).isEqualTo("nothing is created until the spec is valid");
      assertThat(warnings()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("metadata.name"));
    });
    client.resource(tier("1small")).edit(t -> { // another reconcile with the same problem
      t.getMetadata().setLabels(Map.of("touched", "yes"));
      return t;
    });
    await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() -> {
      assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
      assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
    });
    assertThat(warnings()).hasSize(1);
  }

  @Test
  void anUnschedulablePodDegradesTheTierWithTheSchedulersReason() {
    client.resource(Fixtures.serverTier(NS, "small", 1)).create();
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(client.apps().deployments().inNamespace(NS).withName("small").get()).isNotNull());

    client.resource(pendingPod("small-abc")).create();

    await().atMost(WAIT).untilAsserted(() -> {
      Condition degraded = condition(tier("small").getStatus().conditions(), "Degraded");
      assertThat(degraded.getStatus()).isEqualTo("True");
      assertThat(degraded.getReason()).isEqualTo("Unschedulable");
      assertThat(degraded.getMessage()).contains("Insufficient nvidia.com/gpu", "nvidia.com/gpu.product=NVIDIA-L4");
      assertThat(condition(tier("small").getStatus().conditions(), "Ready").getStatus()).isEqualTo("False");
    });
  }

  @Test
  void aDeploymentTheOperatorDoesNotOwnIsLeftAloneAndTheConflictIsReported() {
    client.resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
        .withNewMetadata().withName("small").withNamespace(NS).endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "mine").endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", "mine").endMetadata()
            .withNewSpec().addNewContainer().withName("app").withImage("nginx").endContainer().endSpec()
          .endTemplate()
        .endSpec().build()).create();

    client.resource(Fixtures.serverTier(NS, "small", 1)).create();

    await().atMost(WAIT).untilAsserted(() -> {
      Condition degraded = condition(tier("small").getStatus().conditions(), "Degraded");
      assertThat(degraded.getReason()).isEqualTo("ReconcileError");
      assertThat(degraded.getMessage()).contains("already exists");
    });
    assertThat(client.apps().deployments().inNamespace(NS).withName("small").get().getSpec().getTemplate().getSpec()
        .getContainers().get(0).getImage()).isEqualTo("nginx");
  }

  @Test
  void anEndpointWithoutItsSecretIsNotReadyAndSaysHowToCreateIt() {
    client.resource(Fixtures.endpointTier(NS, "frontier", "openai-api-key")).create();

    await().atMost(WAIT).untilAsserted(() -> {
      Condition ready = condition(tier("frontier").getStatus().conditions(), "Ready");
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("SecretNotFound");
      assertThat(ready.getMessage()).contains("kubectl create secret generic openai-api-key");
    });
  }

  @Test
  void theReadyReplicasGaugeFollowsTheTierAndGoesAwayWithIt() {
    client.resource(Fixtures.serverTier(NS, "small", 2)).create();
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(client.apps().deployments().inNamespace(NS).withName("small").get()).isNotNull());
    markReady(client, client.apps().deployments().inNamespace(NS).withName("small").get(), 2);

    await().atMost(WAIT).untilAsserted(() -> assertThat(
        cluster.registry().find(TierMetrics.READY_REPLICAS).tag("tier", "small").tag("namespace", NS).gauge())
        .isNotNull().extracting(g -> g.value()).isEqualTo(2.0));

    client.resources(ModelTier.class).inNamespace(NS).withName("small").delete();
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(cluster.registry().find(TierMetrics.READY_REPLICAS).tag("tier", "small").gauge()).isNull());
  }

  private Pod pendingPod(String name) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(NS)
          .withLabels(TierNaming.labels(Fixtures.serverTier(NS, "small", 1))).endMetadata()
        .withNewSpec().addNewContainer().withName("model-server").withImage("vllm/vllm-openai:v0.11.0").endContainer()
        .endSpec()
        .withNewStatus().withPhase("Pending")
          .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
            .withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.").endCondition()
        .endStatus()
        .build();
  }

  private List<Event> warnings() {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()) && "InvalidSpec".equals(e.getReason())).toList();
  }

  private ModelTier tier(String name) {
    ModelTier tier = client.resources(ModelTier.class).inNamespace(NS).withName(name).get();
    assertThat(tier.getStatus()).as("tier status").isNotNull();
    return tier;
  }

  private RoutingPolicy policy(String name) {
    RoutingPolicy policy = client.resources(RoutingPolicy.class).inNamespace(NS).withName(name).get();
    assertThat(policy.getStatus()).as("policy status").isNotNull();
    return policy;
  }
}
