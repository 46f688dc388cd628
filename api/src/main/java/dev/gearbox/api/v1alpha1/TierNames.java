package dev.gearbox.api.v1alpha1;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names derived from a tier, spelled once for the operator, the router, the chart and the Envoy config: its Envoy
 * cluster, the name and DNS address of the objects the operator creates for it, and their labels. The operator
 * creates by these names and the router finds by them, so a change here changes both (TierNamesTest pins them:
 * a Deployment's selector can never change once created).
 */
public final class TierNames {
  /** Kubernetes' default; clusters set up with another one pass GEARBOX_CLUSTER_DOMAIN / --cluster-domain. */
  public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "gearbox";
  /** Label selector of everything the operator owns (and the Services' EndpointSlices, which inherit it). */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;
  public static final String TIER_LABEL = "gearbox.dev/tier";
  public static final String NAME_LABEL = "app.kubernetes.io/name";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  public static final String APP_NAME = "gearbox-model-server";

  private TierNames() {
  }

  /**
   * Envoy cluster of a tier: {@code <namespace>.<tier>}. Stable for the life of the tier; the router sends it in
   * {@code x-gearbox-cluster} and Envoy's route picks the cluster of that name.
   */
  public static String cluster(String namespace, String tier) {
    return namespace + "." + tier;
  }

  /** Name of a server tier's Deployment, Service, HPA and PDB: the tier's own, so its DNS name reads well. */
  public static String service(String tier) {
    return tier;
  }

  /** DNS name of a server tier's Service on a cluster whose DNS domain is {@code clusterDomain}. */
  public static String serviceHost(String namespace, String tier, String clusterDomain) {
    return service(tier) + "." + namespace + ".svc." + clusterDomain;
  }

  /** The labels that select a tier's pods; never changed after creation (a Deployment selector is immutable). */
  public static Map<String, String> selector(String tier) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME_LABEL, APP_NAME);
    labels.put(INSTANCE_LABEL, tier);
    labels.put(TIER_LABEL, tier);
    return labels;
  }

  /** Labels on every object the operator owns for a tier, and on its pods. */
  public static Map<String, String> labels(String tier) {
    Map<String, String> labels = selector(tier);
    labels.put(COMPONENT_LABEL, "model-server");
    labels.put(MANAGED_BY, MANAGER);
    return labels;
  }
}
