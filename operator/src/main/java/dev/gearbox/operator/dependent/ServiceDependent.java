package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.TierNames;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The ClusterIP Service Envoy reaches a self-hosted tier through. */
@KubernetesDependent(informer = @Informer(labelSelector = TierNames.MANAGED_SELECTOR))
public class ServiceDependent extends TierDependent<Service> {

  public ServiceDependent() {
    super(Service.class, ServiceDependent::build);
  }

  /** Pure: the Service a tier asks for. */
  public static Service build(ModelTier tier) {
    int port = tier.getSpec().server().effectivePort();
    return new ServiceBuilder()
        .withMetadata(TierNaming.ownedMetadata(tier))
        .withNewSpec()
          .withType("ClusterIP")
          .withSelector(TierNaming.selector(tier))
          .addNewPort().withName(ServerContainer.PORT_NAME).withProtocol("TCP").withPort(port)
            .withNewTargetPort(ServerContainer.PORT_NAME).endPort()
        .endSpec()
        .build();
  }
}
