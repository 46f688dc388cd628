package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelTier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

import java.util.function.Function;

/** An object a tier owns, whose desired state is a pure function of the tier alone. */
abstract class TierDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, ModelTier> {
  private final Function<ModelTier, R> desired;

  TierDependent(Class<R> type, Function<ModelTier, R> desired) {
    super(type);
    this.desired = desired;
  }

  @Override
  protected R desired(ModelTier tier, Context<ModelTier> context) {
    return desired.apply(tier);
  }
}
