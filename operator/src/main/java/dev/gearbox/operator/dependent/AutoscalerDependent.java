package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.Replicas;
import dev.gearbox.api.v1alpha1.TierNames;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** A HorizontalPodAutoscaler for tiers whose replicas.max exceeds replicas.min. */
@KubernetesDependent(informer = @Informer(labelSelector = TierNames.MANAGED_SELECTOR))
public class AutoscalerDependent extends TierDependent<HorizontalPodAutoscaler> {

  public AutoscalerDependent() {
    super(HorizontalPodAutoscaler.class, AutoscalerDependent::build);
  }

  /** Pure: the autoscaler a tier asks for. */
  public static HorizontalPodAutoscaler build(ModelTier tier) {
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(TierNaming.ownedMetadata(tier))
        .withNewSpec()
          .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
            .withName(TierNaming.resourceName(tier)).endScaleTargetRef()
          .withMinReplicas(Math.max(1, ServerSettings.minReplicas(tier)))
          .withMaxReplicas(ServerSettings.maxReplicas(tier))
          .withMetrics(metric(tier))
        .endSpec()
        .build();
  }

  /** A named per-pod metric when one is given with its target, else CPU utilization. */
  static MetricSpec metric(ModelTier tier) {
    Replicas replicas = tier.getSpec().replicas();
    if (replicas != null && replicas.metric() != null && replicas.metricTarget() != null) {
      return new MetricSpecBuilder().withType("Pods")
          .withNewPods()
            .withNewMetric().withName(replicas.metric()).endMetric()
            .withNewTarget().withType("AverageValue").withAverageValue(new Quantity(replicas.metricTarget())).endTarget()
          .endPods()
          .build();
    }
    return new MetricSpecBuilder().withType("Resource")
        .withNewResource().withName("cpu")
          .withNewTarget().withType("Utilization").withAverageUtilization(ServerSettings.targetCpuUtilization(tier))
          .endTarget()
        .endResource()
        .build();
  }
}
