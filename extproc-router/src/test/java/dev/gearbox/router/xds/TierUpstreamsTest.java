package dev.gearbox.router.xds;

import dev.gearbox.router.xds.XdsTier.External;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.gearbox.router.xds.XdsFixtures.tiers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TierUpstreamsTest {
  private static String external(String url, String annotations) {
    return """
        apiVersion: gearbox.dev/v1alpha1
        kind: ModelTier
        metadata: {name: ext, namespace: team, annotations: {%s}}
        spec: {model: m, rank: 0, endpoint: {url: "%s", apiKeySecret: {name: k, key: key}}}
        """.formatted(annotations, url);
  }

  @Test
  void anExternalTierTakesHostPortAndTheDefaultHttpsPort() {
    External e = (External) TierUpstreams.of(tiers(external("https://api.example.com:8443/v1", "")).get(0))
        .upstream();
    External defaultPort = (External) TierUpstreams.of(tiers(external("https://api.example.com/v1", "")).get(0))
        .upstream();

    assertThat(e.host()).isEqualTo("api.example.com");
    assertThat(e.port()).isEqualTo(8443);
    assertThat(defaultPort.port()).isEqualTo(443);
    assertThat(e.apiKey()).isEqualTo(new XdsTier.SecretRef("team", "k", "key"));
    assertThat(e.basePath()).isEqualTo("/v1");
    assertThat(((External) TierUpstreams.of(tiers(external("https://api.groq.com/openai/v1/", "")).get(0))
        .upstream()).basePath()).isEqualTo("/openai/v1");
  }

  @Test
  void badInputsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> TierUpstreams.of(tiers(external("http://api.example.com/v1", "")).get(0)))
        .hasMessageContaining("ModelTier team/ext").hasMessageContaining("clear text");
    String vllm = XdsFixtures.TIERS.replace("annotations: {gearbox.dev/upstream-protocol: h2c}",
        "annotations: {gearbox.dev/upstream-protocol: h3}");
    List<String> errors = new ArrayList<>();
    assertThat(TierUpstreams.all(tiers(vllm), errors::add)).hasSize(2);
    assertThat(errors).singleElement().asString().contains("team/medium", "gearbox.dev/upstream-protocol", "h3");
    String annotatedVllm = XdsFixtures.TIERS.replace("name: small, namespace: team}",
        "name: small, namespace: team, annotations: {gearbox.dev/upstream-protocol: h2c}}");
    assertThatThrownBy(() -> TierUpstreams.of(tiers(annotatedVllm).get(0))).hasMessageContaining("custom only");
  }
}
