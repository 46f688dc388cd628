package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.TierNames;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Keeps node drains from taking more than one model server of a multi-replica tier down at once. */
@KubernetesDependent(informer = @Informer(labelSelector = TierNames.MANAGED_SELECTOR))
public class DisruptionBudgetDependent extends TierDependent<PodDisruptionBudget> {

  public DisruptionBudgetDependent() {
    super(PodDisruptionBudget.class, DisruptionBudgetDependent::build);
  }

  /** Pure: the disruption budget a tier asks for. */
  public static PodDisruptionBudget build(ModelTier tier) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(TierNaming.ownedMetadata(tier))
        .withNewSpec()
          .withNewMaxUnavailable(1)
          .withNewSelector().withMatchLabels(TierNaming.selector(tier)).endSelector()
        .endSpec()
        .build();
  }
}
