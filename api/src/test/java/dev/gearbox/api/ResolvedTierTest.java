package dev.gearbox.api;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ModelTierSpec;
import dev.gearbox.api.v1alpha1.ModelTierStatus;
import dev.gearbox.api.v1alpha1.ResolvedTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one resolution of a policy's tier list that the operator's status, the router and validate share. */
class ResolvedTierTest {

  private static ModelTier tier(String name, int rank, String ready) {
    ModelTier tier = new ModelTier();
    tier.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team").build());
    tier.setSpec(new ModelTierSpec(name + "-model", rank, null, null, null, null));
    if (ready != null) {
      tier.setStatus(new ModelTierStatus(1L, List.of(new ConditionBuilder().withType(ModelTierStatus.READY)
          .withStatus(ready).build()), null, null, null, null));
    }
    return tier;
  }

  @Test
  void eachTierInTheListsOrderFoundOrNotReadyOrNotWithItsCluster() {
    RoutingPolicy policy = new RoutingPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("team").build());
    policy.setSpec(new RoutingPolicySpec(null, null, List.of("small", "gone", "large", "new"), "small", null, null,
        null, null, null, null, null, null));

    List<ResolvedTier> resolved = ResolvedTier.of(policy, Map.of("small", tier("small", 0, "True"),
        "large", tier("large", 2, "False"), "new", tier("new", 3, null)));

    assertThat(resolved).containsExactly(
        new ResolvedTier("small", true, 0, "small-model", true, "team.small"),
        new ResolvedTier("gone", false, null, null, false, "team.gone"),
        new ResolvedTier("large", true, 2, "large-model", false, "team.large"),
        new ResolvedTier("new", true, 3, "new-model", false, "team.new"));
  }
}
