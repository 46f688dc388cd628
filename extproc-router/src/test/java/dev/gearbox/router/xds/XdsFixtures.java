package dev.gearbox.router.xds;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.router.Fixtures;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.xds.XdsTier.SecretRef;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tiers of every kind, in namespace team, and a policy over three of them. */
final class XdsFixtures {
  static final String TIERS = """
      apiVersion: gearbox.dev/v1alpha1
      kind: ModelTier
      metadata: {name: small, namespace: team}
      spec: {model: small-model, rank: 0, server: {engine: vllm, image: vllm/vllm-openai:v0.11.0, port: 8000}}
      ---
      apiVersion: gearbox.dev/v1alpha1
      kind: ModelTier
      metadata:
        name: medium
        namespace: team
        annotations: {gearbox.dev/upstream-protocol: h2c}
      spec: {model: medium-model, rank: 1, server: {engine: custom, image: example/server:1, port: 9000}}
      ---
      apiVersion: gearbox.dev/v1alpha1
      kind: ModelTier
      metadata: {name: large, namespace: team}
      spec:
        model: gpt-4o
        rank: 2
        endpoint: {url: "https://api.example.com/v1", apiKeySecret: {name: provider, key: api-key}}
      """;
  static final SecretRef KEY = new SecretRef("team", "provider", "api-key");

  private XdsFixtures() {
  }

  static List<ModelTier> tiers(String yaml) {
    List<String> errors = new ArrayList<>();
    List<HasMetadata> parsed = new ResourceFiles("team").parse("tiers.yaml", yaml, errors);
    assertThat(errors).isEmpty();
    return parsed.stream().filter(ModelTier.class::isInstance).map(ModelTier.class::cast).toList();
  }

  static List<XdsTier> xdsTiers(String yaml) {
    return tiers(yaml).stream().map(TierUpstreams::of).toList();
  }

  static PolicySnapshot policy(String failureMode) {
    return Fixtures.snapshot(TIERS + "---\n" + Fixtures.policy("failureMode: " + failureMode));
  }

  static SecretValue secret(String value) {
    return new SecretValue(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Cluster mode: small has two endpoints, one ready; medium has none yet; the key is known. */
  static XdsInputs clusterMode() {
    return XdsInputs.of(xdsTiers(TIERS),
        Map.of("team.small", List.of(new TierEndpoint("10.0.0.1", 8000, TierEndpoint.Health.HEALTHY),
            new TierEndpoint("10.0.0.2", 8000, TierEndpoint.Health.UNHEALTHY))),
        refs -> Map.of(KEY, secret("sk-test")), policy("FailOpen"));
  }
}
