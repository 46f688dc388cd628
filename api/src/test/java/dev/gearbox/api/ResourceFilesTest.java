package dev.gearbox.api;

import dev.gearbox.api.io.ResourceFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gives an error that names the field, and good documents beside it still load. */
class ResourceFilesTest {
  private final ResourceFiles files = new ResourceFiles("team-a");
  private final List<String> errors = new ArrayList<>();

  private static final String POLICY = """
      apiVersion: gearbox.dev/v1alpha1
      kind: RoutingPolicy
      metadata:
        name: auto
      spec:
        tiers: [small, large]
        defaultTier: small
      """;

  @Test
  void loadsAPolicyIntoTheDefaultNamespace() {
    List<HasMetadata> resources = files.parse("policy.yaml", POLICY, errors);

    assertThat(errors).isEmpty();
    assertThat(resources).singleElement().satisfies(r -> {
      assertThat(r.getMetadata().getNamespace()).isEqualTo("team-a");
      assertThat(r.getKind()).isEqualTo("RoutingPolicy");
    });
  }

  @Test
  void unknownFieldIsNamed() {
    files.parse("policy.yaml", POLICY + "  tierz: [small]\n", errors);

    assertThat(errors).singleElement().asString()
        .contains("policy.yaml", "RoutingPolicy/auto", "spec.tierz", "unknown field");
  }

  @Test
  void unknownNestedFieldIsNamedWithItsPath() {
    String policy = POLICY + """
          rules:
            - name: code
              tier: large
              keywords: {anyOf: [python]}
        """;
    files.parse("policy.yaml", policy, errors);

    assertThat(errors).anySatisfy(e -> assertThat(e).contains("spec.rules[0].keywords.anyOf: unknown field"));
  }

  @Test
  void wrongEnumValueIsNamedWithTheAllowedValues() {
    files.parse("policy.yaml", POLICY + "  mode: Enforced\n", errors);

    assertThat(errors).singleElement().asString()
        .contains("spec.mode", "\"Enforced\"", "[Enforce, Shadow]");
  }

  @Test
  void missingRequiredFieldAndBadPatternAreNamed() {
    String tier = """
        apiVersion: gearbox.dev/v1alpha1
        kind: ModelTier
        metadata: {name: small}
        spec:
          rank: -1
          server:
            image: vllm/vllm-openai:v0.11.0
            gpu: {migProfile: big}
        """;
    files.parse("tier.yaml", tier, errors);

    assertThat(errors).anySatisfy(e -> assertThat(e).contains("spec.model: required field is missing"))
        .anySatisfy(e -> assertThat(e).contains("spec.rank: must be at least 0"))
        .anySatisfy(e -> assertThat(e).contains("spec.server.gpu.migProfile", "does not match"));
  }

  @Test
  void wrongTypeIsNamed() {
    files.parse("policy.yaml", POLICY + "  priority: high\n", errors);

    assertThat(errors).singleElement().asString().contains("spec.priority: must be an integer");
  }

  @Test
  void malformedYamlIsReportedAndEarlierDocumentsSurvive() {
    List<HasMetadata> resources = files.parse("mixed.yaml", POLICY + "---\nkind: [unclosed\n", errors);

    assertThat(resources).hasSize(1);
    assertThat(errors).singleElement().asString().contains("mixed.yaml:9: malformed YAML", "flow sequence");
  }

  @Test
  void otherKindsAreSkippedAndWrongApiVersionIsReported() {
    String docs = """
        apiVersion: v1
        kind: Secret
        metadata: {name: key}
        ---
        apiVersion: gearbox.dev/v1
        kind: RoutingPolicy
        metadata: {name: p}
        spec: {tiers: [a], defaultTier: a}
        """;
    List<HasMetadata> resources = files.parse("docs.yaml", docs, errors);

    assertThat(resources).isEmpty();
    assertThat(errors).singleElement().asString().contains("apiVersion: must be gearbox.dev/v1alpha1");
  }
}
