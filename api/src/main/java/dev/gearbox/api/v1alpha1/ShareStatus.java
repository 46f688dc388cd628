package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/** The complexity estimator's decisions over the last window, added up across the router replicas that report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareStatus(
    @JsonPropertyDescription("Decisions the shares are measured over, all replicas together.")
    Long window,

    @JsonPropertyDescription("When the oldest of them was made.")
    String since,

    @JsonPropertyDescription("When the newest report counted here was written.")
    String observedAt,

    @JsonPropertyDescription("Router replicas whose reports are counted.")
    Integer replicas,

    @JsonPropertyDescription("Per tier in order: the realised and the target share.")
    List<TierShare> tiers,

    @JsonPropertyDescription("The thresholds in force, averaged over the replicas weighted by their decisions "
        + "(with calibration Track each replica moves its own).")
    List<Double> thresholds,

    @JsonPropertyDescription("The top tier and its realised share, e.g. \"frontier 41.7%\".")
    String topTier) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TierShare(
      @JsonPropertyDescription("Tier name.")
      String tier,

      @JsonPropertyDescription("Percent of the window's decisions that went to this tier.")
      Double realised,

      @JsonPropertyDescription("spec.complexity.targetShares for this tier, when the policy sets them.")
      Integer target) {
  }
}
