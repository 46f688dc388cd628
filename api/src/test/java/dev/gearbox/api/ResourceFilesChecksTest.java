package dev.gearbox.api;

import dev.gearbox.api.io.ResourceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API server would refuse is refused with file and line; so are kinds, empty files and duplicates. */
class ResourceFilesChecksTest {
  private static final String TIER = """
      apiVersion: gearbox.dev/v1alpha1
      kind: ModelTier
      metadata:
        name: small
      spec:
        model: m
        rank: 0
        endpoint: {url: "https://api.example.com/v1"}
      """;

  private final ResourceFiles files = new ResourceFiles("default");
  private final List<String> errors = new ArrayList<>();

  @TempDir
  Path dir;

  @Test
  void aSchemaErrorNamesItsLine() {
    files.parse("tier.yaml", TIER.replace("rank: 0", "rank: -1"), errors);

    assertThat(errors).singleElement().asString().startsWith("tier.yaml:7: ModelTier/small: spec.rank: must be at least 0");
  }

  @Test
  void aMissingFieldNamesItsParentsLine() {
    files.parse("tier.yaml", "---\n" + TIER.replace("  model: m\n", ""), errors);

    assertThat(errors).singleElement().asString().startsWith("tier.yaml:6: ModelTier/small: spec.model: required");
  }

  @Test
  void celRulesAreEvaluatedServerAndEndpointTogether() {
    files.parse("tier.yaml", TIER + "  server: {image: vllm/vllm-openai}\n", errors);

    assertThat(errors).singleElement().asString().startsWith("tier.yaml:5: ModelTier/small: spec: exactly one of");
  }

  @Test
  void celRulesAreEvaluatedTensorParallelismOnTooFewGpus() {
    String tier = TIER.replace("  endpoint: {url: \"https://api.example.com/v1\"}\n", """
          server:
            image: vllm/vllm-openai
            gpu: {count: 1}
            tensorParallelSize: 4
        """);
    files.parse("tier.yaml", tier, errors);

    assertThat(errors).singleElement().asString()
        .startsWith("tier.yaml:8: ModelTier/small: spec.server: server.tensorParallelSize must not exceed");
  }

  @Test
  void anUnknownKindIsRefusedAndSecretsAreSkipped() {
    String docs = TIER.replace("kind: ModelTier", "kind: ModelTeir") + "---\napiVersion: v1\nkind: Secret\n"
        + "metadata: {name: key}\n";
    assertThat(files.parse("tiers.yaml", docs, errors)).isEmpty();

    assertThat(errors).singleElement().asString().startsWith("tiers.yaml:2: unknown kind \"ModelTeir\"");
  }

  @Test
  void aDocumentWithoutKindIsNotAResourceAndAKustomizationIsSkipped() {
    files.parse("envoy.yaml", "static_resources: {}\n", errors);
    files.parse("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n", errors);

    assertThat(errors).containsExactly("envoy.yaml:1: not a Kubernetes resource (no kind)");
  }

  @Test
  void anEmptyFileIsAnError() {
    files.parse("empty.yaml", "# nothing yet\n", errors);

    assertThat(errors).containsExactly("empty.yaml: holds no resources (an empty file)");
  }

  @Test
  void aResourceDefinedTwiceIsAnError() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), TIER);
    Files.writeString(dir.resolve("b.yaml"), TIER);

    ResourceFiles.Loaded loaded = files.load(dir);

    assertThat(loaded.tiers()).hasSize(1);
    assertThat(loaded.errors()).singleElement().asString()
        .isEqualTo(dir.resolve("b.yaml") + ":1: ModelTier default/small is defined twice (also at "
            + dir.resolve("a.yaml") + ":1)");
  }

  @Test
  void loadTreeRecursesLoadDoesNot() throws Exception {
    Files.createDirectories(dir.resolve("team/tiers"));
    Files.writeString(dir.resolve("team/tiers/small.yaml"), TIER);

    assertThat(files.loadTree(dir).tiers()).hasSize(1);
    assertThat(files.load(dir).errors()).singleElement().asString().endsWith("no *.yaml or *.yml files");
  }
}
