package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingPolicyStatus(
    @JsonPropertyDescription("The metadata.generation this status describes.")
    Long observedGeneration,

    @JsonPropertyDescription("Accepted, ResolvedRefs and Ready, with reasons and messages.")
    List<Condition> conditions,

    @JsonPropertyDescription("The policy's tiers in order, with what the operator found.")
    List<ResolvedTier> tiers,

    @JsonPropertyDescription("What the complexity estimator really decided lately, from the routers' reports.")
    ShareStatus shares) {

  public RoutingPolicyStatus(Long observedGeneration, List<Condition> conditions, List<ResolvedTier> tiers) {
    this(observedGeneration, conditions, tiers, null);
  }
}
