package dev.gearbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.api.io.CelRules;
import dev.gearbox.api.io.CrdSchemas;
import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.validation.RoutingPolicyValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every resource under examples/ is something the API server would accept. */
class ExamplesTest {
  private final ResourceFiles files = new ResourceFiles("default");

  @TestFactory
  Stream<DynamicTest> everyExampleIsValid() {
    List<Path> yamlFiles = Examples.yamlFiles();
    assertThat(yamlFiles).as("YAML files under " + Examples.ROOT).isNotEmpty();
    return yamlFiles.stream().map(file -> DynamicTest.dynamicTest(Examples.ROOT.relativize(file).toString(),
        () -> assertValid(file)));
  }

  private void assertValid(Path file) {
    ResourceFiles.Loaded loaded = files.load(file);
    assertThat(loaded.errors()).isEmpty();
    List<HasMetadata> resources = new ArrayList<>(loaded.tiers());
    resources.addAll(loaded.policies());
    assertThat(resources).as("Gearbox resources in " + file).isNotEmpty();

    CelRules cel = new CelRules();
    for (HasMetadata resource : resources) {
      ObjectNode tree = files.toTree(resource);
      JsonNode schema = CrdSchemas.openApiSchema(resource.getKind());
      assertThat(cel.violations(schema, tree)).as("CEL rules of " + resource.getKind()).isEmpty();
      if (resource instanceof RoutingPolicy policy) {
        assertThat(RoutingPolicyValidator.validate(policy.getSpec())).isEmpty();
      }
    }
  }

  @Test
  void quickstartHasThreeTiersAndAPolicyOverThem() {
    ResourceFiles.Loaded loaded = files.load(Examples.ROOT.resolve("quickstart"));

    assertThat(loaded.errors()).isEmpty();
    assertThat(loaded.tiers()).extracting(t -> t.getMetadata().getName())
        .containsExactlyInAnyOrder("small", "medium", "frontier");
    assertThat(loaded.policies()).singleElement()
        .satisfies(p -> assertThat(p.getSpec().tiers()).containsExactly("small", "medium", "frontier"))
        .satisfies(p -> assertThat(p.getSpec().match().models()).containsExactly("auto"));
    ModelTier frontier = loaded.tiers().stream().filter(t -> t.getMetadata().getName().equals("frontier"))
        .findFirst().orElseThrow();
    assertThat(frontier.getSpec().endpoint().apiKeySecret().name()).isEqualTo("openai-api-key");
  }

  @Test
  void quickstartNeedsNoVolumeItDoesNotCreate() {
    // kubectl apply -f examples/quickstart/ must schedule: a claim no file creates would leave the pods Pending.
    ResourceFiles.Loaded loaded = files.load(Examples.ROOT.resolve("quickstart"));

    assertThat(loaded.tiers()).map(t -> t.getSpec().server()).filteredOn(Objects::nonNull).hasSize(2)
        .allSatisfy(server -> assertThat(server.modelCache().claimName()).isNull());
  }
}
