package dev.gearbox.operator.cluster;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.TierNames;
import dev.gearbox.operator.MockCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.gearbox.operator.reconciler.ClusterAsserts.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * examples/quickstart on a real control plane with the operator running as the chart runs it: server-side apply,
 * the chart's RBAC, a real scheduler, Deployment controller and garbage collector, kwok's nodes and pods. The tests
 * run in order on one namespace, each starting from the state the one before left.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorClusterIT {
  private static final String NS = "quickstart";
  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final Duration STILL = Duration.ofSeconds(5);
  /** What the operator may not touch in a steady state. */
  private static final List<Class<? extends HasMetadata>> OWNED_AND_OWN = List.of(ModelTier.class,
      RoutingPolicy.class, Deployment.class, Service.class, HorizontalPodAutoscaler.class);

  /** The HPA controller rewrites the status of autoscalers that have no metrics to read here. */
  private static final Set<String> CONTROL_PLANE = Set.of("kube-controller-manager");

  private final TestControlPlane cluster;
  private final KubernetesClient client;
  private ChartOperatorRun operator;

  OperatorClusterIT(TestControlPlane cluster) {
    this.cluster = cluster;
    this.client = cluster.admin();
  }

  @BeforeAll
  void applyQuickstartAndStartTheOperator() {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    client.resource(new SecretBuilder().withNewMetadata().withName("hf-token").withNamespace(NS).endMetadata()
        .withStringData(Map.of("token", "hf_x")).build()).create();
    client.resource(new SecretBuilder().withNewMetadata().withName("openai-api-key").withNamespace(NS).endMetadata()
        .withStringData(Map.of("api-key", "sk-test")).build()).create();
    var loaded = new ResourceFiles(NS).load(MockCluster.REPOSITORY.resolve("examples/quickstart"));
    assertThat(loaded.errors()).isEmpty();
    loaded.tiers().forEach(tier -> client.resource(tier).create());
    loaded.policies().forEach(policy -> client.resource(policy).create());
    // A second policy over the tiers that can become ready here (no node offers medium's L40S).
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: gearbox.dev/v1alpha1
        kind: RoutingPolicy
        metadata: {name: fits, namespace: quickstart}
        spec:
          tiers: [small, frontier]
          defaultTier: small
          complexity: {thresholds: [0.5]}
        """, RoutingPolicy.class)).create();
    operator = ChartOperatorRun.start(cluster);
  }

  @AfterAll
  void stop() {
    if (operator != null) {
      operator.close();
    }
    client.namespaces().withName(NS).delete();
  }

  @Test
  @Order(1)
  void selfHostedTiersGetDeploymentsServicesAndAutoscalersWrittenWithServerSideApply() {
    assertThat(operator.config().serverSideApply()).as("the chart's setting").isTrue();
    await().atMost(SETTLE).untilAsserted(() -> {
      cluster.checkAlive();
      assertThat(get(Deployment.class, "small")).isNotNull();
      assertThat(get(Deployment.class, "medium")).isNotNull();
      assertThat(get(Service.class, "small")).isNotNull();
      assertThat(get(HorizontalPodAutoscaler.class, "small")).isNotNull();
    });
    ModelTier small = get(ModelTier.class, "small");
    Deployment deployment = get(Deployment.class, "small");
    assertThat(deployment.getMetadata().getOwnerReferences())
        .anyMatch(o -> o.getUid().equals(small.getMetadata().getUid()) && Boolean.TRUE.equals(o.getController()));
    assertThat(deployment.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getOperation)
        .contains("Apply");
    assertThat(get(Deployment.class, "frontier")).as("an external tier has no server").isNull();
    await().atMost(SETTLE).untilAsserted(() -> assertThat(get(ModelTier.class, "small").getMetadata()
        .getManagedFields()).anyMatch(f -> "status".equals(f.getSubresource()) && "Apply".equals(f.getOperation())));
  }

  @Test
  @Order(2)
  void aTierThatFitsBecomesReadyOnceKwokRunsItsPodAndSoDoesAPolicyOverIt() {
    await().atMost(SETTLE).untilAsserted(() -> {
      cluster.checkAlive();
      var status = get(ModelTier.class, "small").getStatus();
      assertThat(condition(status.conditions(), "Ready").getStatus()).isEqualTo("True");
      assertThat(status.readyReplicas()).isEqualTo(1);
      assertThat(condition(get(RoutingPolicy.class, "fits").getStatus().conditions(), "Ready").getStatus())
          .isEqualTo("True");
    });
    assertThat(pods("small")).singleElement().satisfies(pod -> {
      assertThat(pod.getSpec().getNodeName()).startsWith("kwok-l4-");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    });
  }

  @Test
  @Order(3)
  void aTierAskingForAGpuNoNodeOffersStaysPendingAndIsDegradedWithTheSchedulersMessage() {
    await().atMost(SETTLE).untilAsserted(() -> {
      cluster.checkAlive();
      List<Condition> conditions = get(ModelTier.class, "medium").getStatus().conditions();
      Condition degraded = condition(conditions, "Degraded");
      assertThat(degraded.getStatus()).isEqualTo("True");
      assertThat(degraded.getReason()).isEqualTo("Unschedulable");
      assertThat(degraded.getMessage()).contains("0/3 nodes are available").contains("NVIDIA-L40S");
      assertThat(condition(conditions, "Ready").getStatus()).isEqualTo("False");
    });
    assertThat(pods("medium")).allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Pending"));
    assertThat(condition(get(RoutingPolicy.class, "auto").getStatus().conditions(), "Ready").getStatus())
        .isEqualTo("False");
  }

  @Test
  @Order(4)
  void aSettledFleetIsNotWrittenOverAQuietMinute() throws InterruptedException {
    Writes before = settled();
    Thread.sleep(Duration.ofSeconds(60).toMillis());
    assertThat(Writes.snapshot(client, NS, OWNED_AND_OWN).since(before, CONTROL_PLANE))
        .as("objects written while nothing changed")
        .isEmpty();
  }

  @Test
  @Order(5)
  void aSpecChangeRollsOutInTheSameDeployment() {
    Deployment before = get(Deployment.class, "small");
    client.resources(ModelTier.class).inNamespace(NS).withName("small").patch(PatchContext.of(PatchType.JSON),
        "[{\"op\": \"replace\", \"path\": \"/spec/server/args/1\", \"value\": \"4096\"}]"); // --max-model-len
    await().atMost(SETTLE).untilAsserted(() -> {
      Deployment after = get(Deployment.class, "small");
      assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
      assertThat(after.getMetadata().getGeneration()).isGreaterThan(before.getMetadata().getGeneration());
      assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("4096");
      ModelTier tier = get(ModelTier.class, "small");
      assertThat(tier.getStatus().observedGeneration()).isEqualTo(tier.getMetadata().getGeneration());
      assertThat(condition(tier.getStatus().conditions(), "Ready").getStatus()).isEqualTo("True");
    });
  }

  @Test
  @Order(6)
  void restartingTheOperatorWritesNothingAndCreatesNoDuplicates() throws InterruptedException {
    Writes before = settled(); // the rollout and the statuses that follow it are over
    operator.close();
    operator = ChartOperatorRun.start(cluster);
    Thread.sleep(Duration.ofSeconds(20).toMillis()); // the new operator's first reconciliation of every resource
    assertThat(Writes.snapshot(client, NS, OWNED_AND_OWN).since(before, CONTROL_PLANE))
        .as("objects written by the restart")
        .isEmpty();
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems())
        .extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("small", "medium");
  }

  @Test
  @Order(7)
  void deletingATierGarbageCollectsWhatItOwned() {
    client.resources(ModelTier.class).inNamespace(NS).withName("small").delete();
    await().atMost(SETTLE).untilAsserted(() -> {
      cluster.checkAlive();
      assertThat(get(Deployment.class, "small")).isNull();
      assertThat(get(Service.class, "small")).isNull();
      assertThat(get(HorizontalPodAutoscaler.class, "small")).isNull();
      assertThat(pods("small")).isEmpty();
    });
    assertThat(get(Deployment.class, "medium")).as("another tier's objects stay").isNotNull();
  }

  /**
   * Waits until every rollout is over (no pod of an old ReplicaSet left, none terminating), then until nothing but
   * the control plane has written for {@link #STILL}, and returns that state. Without the first wait a quiet
   * window could fall inside a rollout, whose last pod's departure then changes a status after it.
   */
  private Writes settled() {
    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).allSatisfy(d -> {
        assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
        assertThat(d.getStatus().getReplicas()).as("old pods left").isEqualTo(d.getStatus().getUpdatedReplicas());
      });
      assertThat(client.pods().inNamespace(NS).list().getItems())
          .noneMatch(pod -> pod.getMetadata().getDeletionTimestamp() != null);
    });
    Writes[] last = {Writes.snapshot(client, NS, OWNED_AND_OWN)};
    await().atMost(SETTLE).pollDelay(STILL).pollInterval(STILL).until(() -> {
      Writes now = Writes.snapshot(client, NS, OWNED_AND_OWN);
      boolean still = now.since(last[0], CONTROL_PLANE).isEmpty();
      last[0] = now;
      return still;
    });
    return last[0];
  }

  private <T extends HasMetadata> T get(Class<T> kind, String name) {
    return client.resources(kind).inNamespace(NS).withName(name).get();
  }

  private List<Pod> pods(String tier) {
    return client.pods().inNamespace(NS).withLabel(TierNames.TIER_LABEL, tier).list().getItems();
  }
}
