package dev.gearbox.operator.status;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ModelTierStatus;
import dev.gearbox.api.v1alpha1.ResolvedTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.RoutingPolicyStatus;
import dev.gearbox.operator.reconciler.Fixtures;
import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingPolicyStatusAggregatorTest {
  private static final RoutingPolicyStatusAggregator AGGREGATOR =
      new RoutingPolicyStatusAggregator(Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC));

  private static ModelTier tier(String name, boolean ready) {
    ModelTier tier = Fixtures.serverTier("ml", name, 1);
    tier.setStatus(new ModelTierStatus(1L, new ConditionSet(null, 1L, Instant.EPOCH)
        .set("Ready", ready, "X", "x").build(), 1, ready ? 1 : 0, null, null));
    return tier;
  }

  private static Condition condition(RoutingPolicyStatus status, String type) {
    return ConditionSet.find(status.conditions(), type).orElseThrow();
  }

  private static RoutingPolicy policy() {
    return Fixtures.policy("ml", "auto", List.of("small", "large"), "large", null);
  }

  @Test
  void allTiersFoundAndReadyMakeThePolicyReady() {
    var result = AGGREGATOR.aggregate(policy(), Map.of("small", tier("small", true), "large", tier("large", true)));

    assertThat(result.errors()).isEmpty();
    assertThat(condition(result.status(), "Accepted").getStatus()).isEqualTo("True");
    assertThat(condition(result.status(), "ResolvedRefs").getStatus()).isEqualTo("True");
    assertThat(condition(result.status(), "Ready").getStatus()).isEqualTo("True");
    assertThat(result.status().tiers()).containsExactly(
        new ResolvedTier("small", true, 0, "model-small", true, "ml.small"),
        new ResolvedTier("large", true, 0, "model-large", true, "ml.large"));
  }

  @Test
  void aMissingTierIsNamedWithItsPosition() {
    var result = AGGREGATOR.aggregate(policy(), Map.of("small", tier("small", true)));

    Condition resolved = condition(result.status(), "ResolvedRefs");
    assertThat(resolved.getStatus()).isEqualTo("False");
    assertThat(resolved.getMessage()).isEqualTo("ModelTier \"large\" (spec.tiers[1]) not found in namespace ml");
    assertThat(condition(result.status(), "Ready").getReason()).isEqualTo("TierNotFound");
    assertThat(result.status().tiers().get(1)).isEqualTo(new ResolvedTier("large", false, null, null, false, "ml.large"));
  }

  @Test
  void unreadyTiersKeepThePolicyFromReady() {
    var result = AGGREGATOR.aggregate(policy(), Map.of("small", tier("small", false), "large", tier("large", true)));

    assertThat(condition(result.status(), "Ready").getReason()).isEqualTo("TiersNotReady");
    assertThat(condition(result.status(), "Ready").getMessage()).isEqualTo("tiers not ready: small; no address "
        + "Envoy can send traffic to yet: small (no ready endpoint)");
  }

  /** Issue 14: Envoy learns a tier's endpoints from Gearbox; a tier with none yet is named as such. */
  @Test
  void aReadyTierWithoutAnAddressKeepsThePolicyFromReadyAndSaysSo() {
    ModelTier external = Fixtures.endpointTier("ml", "large", "key");
    external.setStatus(new ModelTierStatus(1L, new ConditionSet(null, 1L, Instant.EPOCH)
        .set("Ready", true, "X", "x").build(), null, null, null, null));
    RoutingPolicy policy = Fixtures.policy("ml", "auto", List.of("small", "large"), "large", null);

    var result = AGGREGATOR.aggregate(policy, Map.of("small", tier("small", true), "large", external));

    assertThat(condition(result.status(), "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(result.status(), "Ready").getReason()).isEqualTo("TierHasNoAddress");
    assertThat(condition(result.status(), "Ready").getMessage())
        .isEqualTo("no address Envoy can send traffic to yet: large (external host not known)");
  }

  @Test
  void tiersListedOutOfRankOrderAreNotAccepted() {
    ModelTier external = Fixtures.endpointTier("ml", "small", "key"); // rank 2, listed before large (rank 0)

    var result = AGGREGATOR.aggregate(policy(), Map.of("small", external, "large", tier("large", true)));

    assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("spec.tiers[1]"));
    assertThat(condition(result.status(), "Accepted").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(result.status(), "Accepted").getMessage()).contains("ascending rank");
  }

  @Test
  void anInvalidSpecIsNotAcceptedAndReturnsTheFieldErrors() {
    RoutingPolicy broken = Fixtures.policy("ml", "auto", List.of("small"), "small",
        List.of(Fixtures.regexRule("r", "small", "[unclosed")));

    var result = AGGREGATOR.aggregate(broken, Map.of("small", tier("small", true)));

    assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("spec.rules[0].regex"));
    assertThat(condition(result.status(), "Accepted").getMessage()).startsWith("spec.rules[0].regex: does not compile");
    assertThat(condition(result.status(), "Ready").getReason()).isEqualTo("InvalidSpec");
  }
}
