package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTier;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one place that spells the names, labels and address of a tier's owned objects. */
public final class TierNaming {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "gearbox";
  /** Label selector of everything the operator owns; its informers watch only these objects. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;
  public static final String TIER_LABEL = "gearbox.dev/tier";
  public static final String NAME_LABEL = "app.kubernetes.io/name";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  public static final String APP_NAME = "gearbox-model-server";

  private TierNaming() {
  }

  /** Name of the Deployment, Service, HPA and PDB of a tier: the tier's own name, so its DNS name reads well. */
  public static String resourceName(ModelTier tier) {
    return tier.getMetadata().getName();
  }

  /** Labels on every owned object and on the pods. */
  public static Map<String, String> labels(ModelTier tier) {
    Map<String, String> labels = new LinkedHashMap<>(selector(tier));
    labels.put(COMPONENT_LABEL, "model-server");
    labels.put(MANAGED_BY, MANAGER);
    return labels;
  }

  /** The labels that select a tier's pods; never changed after creation (a Deployment selector is immutable). */
  public static Map<String, String> selector(ModelTier tier) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME_LABEL, APP_NAME);
    labels.put(INSTANCE_LABEL, tier.getMetadata().getName());
    labels.put(TIER_LABEL, tier.getMetadata().getName());
    return labels;
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

  /** Kubernetes' default; clusters set up with another one pass GEARBOX_CLUSTER_DOMAIN. */
  public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

  public static int port(ModelServer server) {
    return server.effectivePort();
  }

  /** host:port of the tier's Service on a cluster whose DNS domain is {@code clusterDomain}, as Envoy uses it. */
  public static String serviceAddress(ModelTier tier, String clusterDomain) {
    return resourceName(tier) + "." + tier.getMetadata().getNamespace() + ".svc." + clusterDomain + ":"
        + port(tier.getSpec().server());
  }
}
