package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.Replicas;
import dev.gearbox.api.v1alpha1.ResolvedTier;
import dev.gearbox.router.xds.TierUpstreams;
import dev.gearbox.router.xds.XdsTier;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Service, HPA and PDB builders and the conditions that decide whether each exists. */
class OwnedObjectsTest {

  private static ModelTier withReplicas(Replicas replicas) {
    return TestTiers.vllm().replicas(replicas).build();
  }

  @Test
  void theServiceExposesTheServingPortToTheTiersPods() {
    ModelTier tier = TestTiers.vllm().build();
    Service service = ServiceDependent.build(tier);

    assertThat(service.getMetadata().getName()).isEqualTo("small");
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getSelector()).isEqualTo(TierNaming.selector(tier));
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort()).isEqualTo(8000);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    });
    assertThat(service.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(TierNaming.serviceAddress(tier, "cluster.local")).isEqualTo("small.ml.svc.cluster.local:8000");
    assertThat(TierNaming.serviceAddress(tier, "corp.internal")).isEqualTo("small.ml.svc.corp.internal:8000");
  }

  /** The router sends a server tier's traffic to the Service the operator creates for it: same name, same port. */
  @Test
  void theRoutersUpstreamIsTheServiceTheOperatorCreates() {
    ModelTier tier = TestTiers.vllm().build();
    Service service = ServiceDependent.build(tier);

    XdsTier upstream = TierUpstreams.of(tier);
    assertThat(upstream.cluster()).isEqualTo(ResolvedTier.of("ml", "small", tier).cluster());
    assertThat(upstream.upstream()).isInstanceOfSatisfying(XdsTier.InCluster.class, inCluster -> {
      assertThat(inCluster.service()).isEqualTo(service.getMetadata().getName());
      assertThat(inCluster.port()).isEqualTo(service.getSpec().getPorts().get(0).getPort());
    });
  }

  @Test
  void theAutoscalerScalesTheDeploymentOnCpuByDefault() {
    HorizontalPodAutoscaler hpa = AutoscalerDependent.build(withReplicas(new Replicas(2, 5, 70, null, null)));

    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("small");
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
    assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
      assertThat(metric.getResource().getName()).isEqualTo("cpu");
      assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(70);
    });
  }

  @Test
  void theAutoscalerUsesANamedPodMetricWhenGiven() {
    HorizontalPodAutoscaler hpa = AutoscalerDependent.build(
        withReplicas(new Replicas(1, 3, null, "vllm:num_requests_waiting", "5")));

    assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
      assertThat(metric.getType()).isEqualTo("Pods");
      assertThat(metric.getPods().getMetric().getName()).isEqualTo("vllm:num_requests_waiting");
      assertThat(metric.getPods().getTarget().getAverageValue()).isEqualTo(new Quantity("5"));
    });
  }

  @Test
  void theDisruptionBudgetAllowsOnePodDownAtATime() {
    PodDisruptionBudget pdb = DisruptionBudgetDependent.build(withReplicas(new Replicas(3, 3, null, null, null)));

    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("gearbox.dev/tier", "small");
  }

  @Test
  void conditionsDecideWhichObjectsExist() {
    ModelTier fixed = withReplicas(new Replicas(1, 1, null, null, null));
    ModelTier scaling = withReplicas(new Replicas(1, 3, null, null, null));
    ModelTier replicated = withReplicas(new Replicas(2, 2, null, null, null));
    ModelTier noReplicas = withReplicas(null);

    assertThat(new TierConditions.SelfHosted().isMet(null, fixed, null)).isTrue();
    assertThat(new TierConditions.Autoscaled().isMet(null, fixed, null)).isFalse();
    assertThat(new TierConditions.Autoscaled().isMet(null, scaling, null)).isTrue();
    assertThat(new TierConditions.Autoscaled().isMet(null, noReplicas, null)).isFalse();
    assertThat(new TierConditions.Replicated().isMet(null, scaling, null)).isFalse();
    assertThat(new TierConditions.Replicated().isMet(null, replicated, null)).isTrue();
  }
}
