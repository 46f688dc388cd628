package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelTier;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** When each owned kind exists; a dependent whose condition stops holding is deleted. */
public final class TierConditions {

  private TierConditions() {
  }

  /** Deployment and Service: only for an in-cluster server. */
  public static final class SelfHosted implements Condition<Object, ModelTier> {
    @Override
    public boolean isMet(DependentResource<Object, ModelTier> dependent, ModelTier tier, Context<ModelTier> context) {
      return ServerSettings.selfHosted(tier);
    }
  }

  /** HPA: a server whose replicas.max exceeds replicas.min. */
  public static final class Autoscaled implements Condition<Object, ModelTier> {
    @Override
    public boolean isMet(DependentResource<Object, ModelTier> dependent, ModelTier tier, Context<ModelTier> context) {
      return ServerSettings.autoscaled(tier);
    }
  }

  /** PDB: a server that always runs more than one replica. */
  public static final class Replicated implements Condition<Object, ModelTier> {
    @Override
    public boolean isMet(DependentResource<Object, ModelTier> dependent, ModelTier tier, Context<ModelTier> context) {
      return ServerSettings.selfHosted(tier) && ServerSettings.minReplicas(tier) > 1;
    }
  }
}
