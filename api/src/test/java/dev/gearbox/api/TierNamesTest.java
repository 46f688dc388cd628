package dev.gearbox.api;

import dev.gearbox.api.v1alpha1.TierNames;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names the operator creates by and the router, the chart and Envoy find by. Pinned: a tier's Deployment
 * selector can never change once created, and an Envoy cluster renamed under a running Envoy drops its traffic.
 */
class TierNamesTest {

  @Test
  void theEnvoyClusterIsNamespaceDotTier() {
    assertThat(TierNames.cluster("team", "large")).isEqualTo("team.large");
  }

  @Test
  void theServiceIsNamedAfterTheTierAndAddressedOnTheClustersDomain() {
    assertThat(TierNames.service("small")).isEqualTo("small");
    assertThat(TierNames.serviceHost("ml", "small", TierNames.DEFAULT_CLUSTER_DOMAIN))
        .isEqualTo("small.ml.svc.cluster.local");
    assertThat(TierNames.serviceHost("ml", "small", "corp.internal")).isEqualTo("small.ml.svc.corp.internal");
  }

  @Test
  void theSelectorIsPinnedAndEveryOwnedObjectMatchesTheManagedSelector() {
    assertThat(TierNames.selector("small")).containsOnly(
        Map.entry("app.kubernetes.io/name", "gearbox-model-server"),
        Map.entry("app.kubernetes.io/instance", "small"),
        Map.entry("gearbox.dev/tier", "small"));
    Map<String, String> labels = TierNames.labels("small");
    assertThat(labels).containsAllEntriesOf(TierNames.selector("small"))
        .containsEntry("app.kubernetes.io/component", "model-server");
    String[] managed = TierNames.MANAGED_SELECTOR.split("=");
    assertThat(labels).containsEntry(managed[0], managed[1]);
  }

  @Test
  void labelsAreAFreshMapEachTime() {
    TierNames.labels("small").put("x", "y");
    assertThat(TierNames.labels("small")).doesNotContainKey("x");
  }
}
