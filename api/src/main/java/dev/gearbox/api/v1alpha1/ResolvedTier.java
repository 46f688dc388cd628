package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolvedTier(
    @JsonPropertyDescription("ModelTier name.")
    String name,

    @JsonPropertyDescription("Whether the ModelTier exists.")
    Boolean found,

    @JsonPropertyDescription("The tier's spec.rank.")
    Integer rank,

    @JsonPropertyDescription("The tier's served model.")
    String model,

    @JsonPropertyDescription("Whether the tier's Ready condition is True.")
    Boolean ready,

    @JsonPropertyDescription("Envoy cluster name for the tier (<namespace>.<tier>).")
    String cluster) {

  /**
   * One policy tier as found in its namespace: the one resolution the operator's status, the router's compiler and
   * {@code validate} share.
   *
   * @param tier the ModelTier of that name, or null when there is none
   */
  public static ResolvedTier of(String namespace, String name, ModelTier tier) {
    String cluster = TierNames.cluster(namespace, name);
    if (tier == null) {
      return new ResolvedTier(name, false, null, null, false, cluster);
    }
    boolean ready = tier.getStatus() != null && Boolean.TRUE.equals(tier.getStatus().ready());
    return new ResolvedTier(name, true, tier.getSpec() == null ? null : tier.getSpec().rank(),
        tier.getSpec() == null ? null : tier.getSpec().model(), ready, cluster);
  }

  /** A policy's tier list, in its order, each resolved among {@code tiers} (its namespace's, by name). */
  public static List<ResolvedTier> of(RoutingPolicy policy, Map<String, ModelTier> tiers) {
    List<String> names = policy.getSpec() == null || policy.getSpec().tiers() == null
        ? List.of() : policy.getSpec().tiers();
    String namespace = policy.getMetadata().getNamespace();
    return names.stream().map(name -> of(namespace, name, tiers.get(name))).toList();
  }
}
