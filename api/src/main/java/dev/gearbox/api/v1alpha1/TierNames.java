package dev.gearbox.api.v1alpha1;

/**
 * Names derived from a tier, spelled once for the operator, the router, the chart and the Envoy config.
 */
public final class TierNames {

  private TierNames() {
  }

  /**
   * Envoy cluster of a tier: {@code <namespace>.<tier>}. Stable for the life of the tier; the router sends it in
   * {@code x-gearbox-cluster} and Envoy's route picks the cluster of that name.
   */
  public static String cluster(String namespace, String tier) {
    return namespace + "." + tier;
  }
}
