package dev.gearbox.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gearbox.operator.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CRDs from crds/ on a real API server: its CEL rules reject bad objects, the examples pass as they are. */
@ExtendWith(ControlPlaneExtension.class)
class CrdClusterIT {
  private static final ObjectMapper YAML = new YAMLMapper();
  private final KubernetesClient client;

  CrdClusterIT(TestControlPlane cluster) {
    client = cluster.admin();
  }

  @Test
  void bothCrdsAreServed() {
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(crd -> crd.getMetadata().getName())
        .contains("modeltiers.gearbox.dev", "routingpolicies.gearbox.dev");
    assertThat(client.genericKubernetesResources("gearbox.dev/v1alpha1", "ModelTier").inNamespace("default").list()
        .getItems()).isEmpty();
  }

  @Test
  void aTierWithNeitherServerNorEndpointIsRejectedWithTheCelMessage() {
    assertRejected("""
        apiVersion: gearbox.dev/v1alpha1
        kind: ModelTier
        metadata: {name: nothing}
        spec: {model: m, rank: 0}
        """, "exactly one of spec.server (an in-cluster model server) or spec.endpoint (an external provider) must be set");
  }

  @Test
  void aTierWhoseMinimumExceedsItsMaximumIsRejectedWithTheCelMessage() {
    assertRejected("""
        apiVersion: gearbox.dev/v1alpha1
        kind: ModelTier
        metadata: {name: inverted}
        spec:
          model: m
          rank: 0
          server: {image: vllm/vllm-openai:v0.11.0, gpu: {count: 1}}
          replicas: {min: 3, max: 2}
        """, "replicas.min must not exceed replicas.max");
  }

  @Test
  void aPolicyWhoseDefaultTierIsNotOneOfItsTiersIsRejectedWithTheCelMessage() {
    assertRejected("""
        apiVersion: gearbox.dev/v1alpha1
        kind: RoutingPolicy
        metadata: {name: stray-default}
        spec:
          tiers: [small, medium]
          defaultTier: large
          complexity: {thresholds: [0.5]}
        """, "spec.defaultTier must be one of spec.tiers");
  }

  static Stream<Path> examples() throws IOException {
    return Stream.of("examples/quickstart", "examples/self-hosted-frontier")
        .flatMap(directory -> {
          try {
            return Files.list(MockCluster.REPOSITORY.resolve(directory)).filter(f -> f.toString().endsWith(".yaml"))
                .sorted().toList().stream();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /** Server-side dry run: admitted, and nothing pruned (every field of the file is in what would be stored). */
  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAdmittedUnchanged(Path file) throws IOException {
    GenericKubernetesResource example = client.getKubernetesSerialization()
        .unmarshal(Files.readString(file), GenericKubernetesResource.class);
    GenericKubernetesResource stored = client.resource(example).inNamespace("default").dryRun().create();
    assertContained(YAML.valueToTree(example.getAdditionalProperties().get("spec")),
        YAML.valueToTree(stored.getAdditionalProperties().get("spec")), file.getFileName() + ": spec");
  }

  private void assertRejected(String yaml, String message) {
    GenericKubernetesResource resource = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    assertThatThrownBy(() -> client.resource(resource).inNamespace("default").create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getMessage()).contains(message);
        });
  }

  /** Every field in {@code expected} is in {@code actual} with the same value; defaults may add more. */
  private static void assertContained(JsonNode expected, JsonNode actual, String path) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(path + " is an object in " + actual).isTrue();
      for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        assertThat(actual.has(field.getKey())).as(path + "." + field.getKey() + " was pruned").isTrue();
        assertContained(field.getValue(), actual.get(field.getKey()), path + "." + field.getKey());
      }
    } else if (expected.isNumber() && actual.isNumber()) { // 1 may come back as a long, 2.5 as a double
      assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }
}
