package dev.gearbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gearbox.api.io.CrdSchemas;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRDs' CEL rules reject what they should; the ones that need Kubernetes' own CEL library are listed. */
class CelRulesTest {
  private final CelRules cel = new CelRules();
  private final YAMLMapper yaml = new YAMLMapper();

  private JsonNode tier(String spec) throws Exception {
    return yaml.readTree("kind: ModelTier\nspec:\n" + spec.indent(2));
  }

  private JsonNode policy(String spec) throws Exception {
    return yaml.readTree("kind: RoutingPolicy\nspec:\n" + spec.indent(2));
  }

  @Test
  void tierNeedsExactlyOneOfServerAndEndpoint() throws Exception {
    JsonNode both = tier("""
        model: m
        rank: 0
        server: {image: vllm}
        endpoint: {url: https://api.example.com/v1}
        """);
    JsonNode neither = tier("model: m\nrank: 0\n");

    assertThat(cel.violations(CrdSchemas.openApiSchema("ModelTier"), both))
        .containsExactly("spec: exactly one of spec.server (an in-cluster model server) or spec.endpoint "
            + "(an external provider) must be set");
    assertThat(cel.violations(CrdSchemas.openApiSchema("ModelTier"), neither)).hasSize(1);
  }

  @Test
  void tensorParallelismNeedsEnoughWholeGpus() throws Exception {
    JsonNode tooFewGpus = tier("""
        model: m
        rank: 0
        server: {image: vllm, gpu: {count: 2}, tensorParallelSize: 4}
        replicas: {min: 3, max: 2}
        """);

    assertThat(cel.violations(CrdSchemas.openApiSchema("ModelTier"), tooFewGpus)).containsExactlyInAnyOrder(
        "spec.server: server.tensorParallelSize must not exceed server.gpu.count",
        "spec.replicas: replicas.min must not exceed replicas.max");
  }

  @Test
  void policyDefaultAndRuleTiersMustBeListed() throws Exception {
    JsonNode bad = policy("""
        tiers: [small, large, small]
        defaultTier: medium
        rules:
          - {name: code, tier: huge, keywords: {any: [python]}}
          - {name: empty, tier: small}
        complexity: {thresholds: [0.5]}
        """);

    assertThat(cel.violations(CrdSchemas.openApiSchema("RoutingPolicy"), bad)).containsExactlyInAnyOrder(
        "spec: spec.defaultTier must be one of spec.tiers",
        "spec: spec.tiers must not repeat a tier",
        "spec: every rule's tier must be one of spec.tiers",
        "spec: spec.complexity.thresholds needs one boundary between each pair of consecutive tiers "
            + "(size(tiers) - 1 values)",
        "spec.rules[1]: a rule needs at least one condition: keywords, regex, promptTokens, messages, header, "
            + "semantic or complexity");
  }

  @Test
  void trackNeedsTargetSharesOnePerTierAndMaxTopShareNeedsTrack() throws Exception {
    JsonNode bad = policy("""
        tiers: [a, b]
        defaultTier: a
        complexity: {thresholds: [0.5], calibration: Track, maxTopShare: 30}
        """);
    JsonNode wrongCount = policy("""
        tiers: [a, b]
        defaultTier: a
        complexity: {targetShares: [20, 30, 50], calibration: Track}
        """);
    JsonNode capped = policy("""
        tiers: [a, b]
        defaultTier: a
        complexity: {targetShares: [40, 60], maxTopShare: 50}
        """);

    assertThat(cel.violations(CrdSchemas.openApiSchema("RoutingPolicy"), bad))
        .contains("spec.complexity: complexity.calibration Track needs complexity.targetShares");
    assertThat(cel.violations(CrdSchemas.openApiSchema("RoutingPolicy"), wrongCount))
        .contains("spec: spec.complexity.targetShares needs one share per tier");
    assertThat(cel.violations(CrdSchemas.openApiSchema("RoutingPolicy"), capped))
        .contains("spec.complexity: complexity.maxTopShare applies to calibration Track only");
  }

  @Test
  void weightsAndSampleNameOneSourceAndSampleNeedsFixedShares() throws Exception {
    JsonNode bad = policy("""
        tiers: [a, b]
        defaultTier: a
        complexity:
          targetShares: [40, 60]
          calibration: Track
          weights: {configMap: w, file: w.json}
          sample: {configMap: s}
        """);

    assertThat(cel.violations(CrdSchemas.openApiSchema("RoutingPolicy"), bad)).contains(
        "spec.complexity.weights: set exactly one of configMap or file",
        "spec.complexity.sample: a configMap needs a key",
        "spec.complexity: complexity.sample applies to calibration Fixed with targetShares");
  }

  @Test
  void rulesThatNeedKubernetesCelExtensionsAreNamed() throws Exception {
    JsonNode policy = policy("""
        tiers: [a, b]
        defaultTier: a
        complexity: {thresholds: [0.5]}
        """);
    JsonNode shares = policy("""
        tiers: [a, b]
        defaultTier: a
        complexity: {targetShares: [50, 50]}
        """);
    cel.violations(CrdSchemas.openApiSchema("RoutingPolicy"), policy);
    cel.violations(CrdSchemas.openApiSchema("RoutingPolicy"), shares);

    // isSorted() and sum() come from Kubernetes' CEL list library, which cel-java does not ship; the
    // RoutingPolicyValidator checks the same two invariants in Java.
    assertThat(cel.notEvaluable()).containsExactlyInAnyOrder(
        "!has(self.thresholds) || self.thresholds.isSorted()",
        "!has(self.targetShares) || self.targetShares.sum() == 100");
  }
}
