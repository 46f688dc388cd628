package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.TierNames;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.util.Map;

/** The names, labels and address of a tier's owned objects, as {@link TierNames} spells them, for a ModelTier. */
public final class TierNaming {
  private TierNaming() {
  }

  public static String resourceName(ModelTier tier) {
    return TierNames.service(tier.getMetadata().getName());
  }

  public static Map<String, String> labels(ModelTier tier) {
    return TierNames.labels(tier.getMetadata().getName());
  }

  public static Map<String, String> selector(ModelTier tier) {
    return TierNames.selector(tier.getMetadata().getName());
  }

  /** Metadata of an owned object: name, namespace, labels and a controller reference to the tier. */
  public static ObjectMeta ownedMetadata(ModelTier tier) {
    return new ObjectMetaBuilder()
        .withName(resourceName(tier))
        .withNamespace(tier.getMetadata().getNamespace())
        .withLabels(labels(tier))
        .withOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(tier.getApiVersion())
            .withKind(tier.getKind())
            .withName(tier.getMetadata().getName())
            .withUid(tier.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build())
        .build();
  }

  /** host:port of a server tier's Service on a cluster whose DNS domain is {@code clusterDomain}, as Envoy uses it. */
  public static String serviceAddress(ModelTier tier, String clusterDomain) {
    return TierNames.serviceHost(tier.getMetadata().getNamespace(), tier.getMetadata().getName(), clusterDomain)
        + ":" + tier.getSpec().server().effectivePort();
  }
}
