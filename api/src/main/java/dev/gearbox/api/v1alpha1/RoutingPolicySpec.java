package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.defaultTier in self.tiers", message = "spec.defaultTier must be one of spec.tiers")
@ValidationRule(value = "self.tiers.all(t, self.tiers.exists_one(u, u == t))", message = "spec.tiers must not repeat a tier")
@ValidationRule(value = "!has(self.rules) || self.rules.all(r, r.tier in self.tiers)",
    message = "every rule's tier must be one of spec.tiers")
@ValidationRule(value = "!has(self.complexity) || !has(self.complexity.thresholds) "
    + "|| size(self.complexity.thresholds) == size(self.tiers) - 1",
    message = "spec.complexity.thresholds needs one boundary between each pair of consecutive tiers (size(tiers) - 1 values)")
@ValidationRule(value = "!has(self.complexity) || !has(self.complexity.targetShares) "
    + "|| size(self.complexity.targetShares) == size(self.tiers)",
    message = "spec.complexity.targetShares needs one share per tier")
public record RoutingPolicySpec(
    @JsonPropertyDescription("Which requests this policy governs. When several policies match a request, the one with "
        + "the highest priority wins, then the most specific match (more criteria set), then the oldest name alphabetically.")
    RequestMatch match,

    @Default("" + RoutingPolicySpec.DEFAULT_PRIORITY)
    @JsonPropertyDescription("Precedence among policies that match the same request: higher wins.")
    Integer priority,

    @Required
    @Size(min = 1, max = 16)
    @JsonPropertyDescription("Names of the ModelTiers (same namespace) this policy may route to, cheapest first: in "
        + "ascending spec.rank, checked against the tiers that exist. Fallback and the complexity thresholds follow "
        + "this order.")
    List<@Pattern(GearboxApi.NAME_PATTERN) @Size(max = 63) String> tiers,

    @Required
    @Pattern(GearboxApi.NAME_PATTERN)
    @JsonPropertyDescription("Tier used when no rule matches and no complexity estimate decides, and by FailOpen.")
    String defaultTier,

    @Size(max = 64)
    @JsonPropertyDescription("Rules in priority order; the first whose conditions all hold decides the tier.")
    List<Rule> rules,

    @JsonPropertyDescription("The built-in complexity estimator, consulted when no rule matched.")
    Complexity complexity,

    @JsonPropertyDescription("Embedding model for semantic and complexity signals; the bundled all-MiniLM-L6-v2 when unset.")
    EmbeddingModel embedding,

    @JsonPropertyDescription("Keep a conversation on the tier it reached: by default a turn never goes below the "
        + "highest tier its earlier user turns earn (mode Conversation); with a session header, also below the "
        + "highest tier the session reached within the TTL (mode Session).")
    Stickiness stickiness,

    @Default(RoutingPolicySpec.DEFAULT_FALLBACK)
    @JsonPropertyDescription("What to do when the chosen tier is not ready: Escalate to the next ready tier up, "
        + "Descend to the next ready tier down, or None (send it anyway).")
    Fallback fallback,

    @Default(RoutingPolicySpec.DEFAULT_FAILURE_MODE)
    @JsonPropertyDescription("On a request the router cannot classify (bad JSON, oversized body, internal error): "
        + "FailOpen sends it unchanged to the default tier, FailClose answers with an error.")
    FailureMode failureMode,

    @Default(RoutingPolicySpec.DEFAULT_MODE)
    @JsonPropertyDescription("Enforce routes requests; Shadow only computes and counts the decision and adds "
        + "x-gearbox-shadow-tier, leaving the request untouched.")
    Mode mode,

    @Default("false")
    @JsonPropertyDescription("Allow the router to log prompt text for this policy's requests (debug only; off by default).")
    Boolean logPrompts) {

  public enum Fallback { Escalate, Descend, None }

  public enum FailureMode { FailOpen, FailClose }

  public enum Mode { Enforce, Shadow }

  public static final int DEFAULT_PRIORITY = 0;
  public static final String DEFAULT_FALLBACK = "Escalate";
  public static final String DEFAULT_FAILURE_MODE = "FailOpen";
  public static final String DEFAULT_MODE = "Enforce";

  public int effectivePriority() {
    return priority == null ? DEFAULT_PRIORITY : priority;
  }

  public Fallback effectiveFallback() {
    return fallback == null ? Fallback.valueOf(DEFAULT_FALLBACK) : fallback;
  }

  public FailureMode effectiveFailureMode() {
    return failureMode == null ? FailureMode.valueOf(DEFAULT_FAILURE_MODE) : failureMode;
  }

  public Mode effectiveMode() {
    return mode == null ? Mode.valueOf(DEFAULT_MODE) : mode;
  }

  /** The stickiness in force: the block as given, or mode Conversation with its defaults. */
  public Stickiness effectiveStickiness() {
    return stickiness == null ? Stickiness.DEFAULT : stickiness;
  }
}
