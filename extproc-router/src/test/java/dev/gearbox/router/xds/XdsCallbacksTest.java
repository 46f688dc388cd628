package dev.gearbox.router.xds;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XdsCallbacksTest {
  @Test
  void aNackNamesTheVersionsAndEnvoysReason() {
    assertThat(XdsCallbacks.nackLine("rds", "envoy-1", "7", "6", "route: unknown field"))
        .isEqualTo("Envoy envoy-1 rejected rds version 7; it keeps version 6: route: unknown field");
    assertThat(XdsCallbacks.nackLine("cds", "", null, null, "x".repeat(1000))).startsWith("Envoy (no node id) "
        + "rejected cds version (unknown): xxx").hasSizeLessThan(500).endsWith("...");
  }

  /** Envoy's rejection of a secret may quote it; the key must never reach the router's logs. */
  @Test
  void aSecretsNackIsLoggedWithoutEnvoysMessage() {
    assertThat(XdsCallbacks.nackLine("sds", "envoy-1", "3", "2", "invalid secret 'Bearer sk-live-123'"))
        .doesNotContain("sk-live-123").contains("withheld");
  }
}
