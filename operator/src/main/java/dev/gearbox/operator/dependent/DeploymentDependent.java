package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.TierNames;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The model-server Deployment of a tier with {@code spec.server}. */
@KubernetesDependent(informer = @Informer(labelSelector = TierNames.MANAGED_SELECTOR))
public class DeploymentDependent extends TierDependent<Deployment> {

  public DeploymentDependent() {
    super(Deployment.class, DeploymentDependent::build);
  }

  /** Pure: the Deployment a tier asks for. */
  public static Deployment build(ModelTier tier) {
    // Under an autoscaler the replica count belongs to the HPA; setting it here would fight it.
    Integer replicas = ServerSettings.autoscaled(tier) ? null : ServerSettings.minReplicas(tier);
    return new DeploymentBuilder()
        .withMetadata(TierNaming.ownedMetadata(tier))
        .withNewSpec()
          .withReplicas(replicas)
          .withNewSelector().withMatchLabels(TierNaming.selector(tier)).endSelector()
          // A surge pod would need a spare GPU that is rarely there; replace one pod at a time instead.
          .withNewStrategy().withType("RollingUpdate")
            .withNewRollingUpdate().withNewMaxSurge(0).withNewMaxUnavailable(1).endRollingUpdate()
          .endStrategy()
          .withNewTemplate()
            .withNewMetadata().withLabels(TierNaming.labels(tier)).endMetadata()
            .withSpec(podSpec(tier))
          .endTemplate()
        .endSpec()
        .build();
  }

  static PodSpec podSpec(ModelTier tier) {
    ModelServer server = tier.getSpec().server();
    return new PodSpecBuilder()
        .withContainers(ServerContainer.of(tier))
        .withVolumes(ServerVolumes.volumes(server))
        .withNodeSelector(GpuScheduling.nodeSelector(server))
        .withTolerations(GpuScheduling.tolerations(server))
        .withPriorityClassName(server.priorityClassName())
        .withRuntimeClassName(server.runtimeClassName())
        // Model servers get no Kubernetes API access.
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withNewSecurityContext().withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .withTerminationGracePeriodSeconds(60L)
        .build();
  }
}
