package dev.gearbox.api;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ExternalEndpoint;
import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ModelTierSpec;
import dev.gearbox.api.v1alpha1.Replicas;
import dev.gearbox.api.validation.FieldError;
import dev.gearbox.api.validation.ModelTierValidator;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelTierValidatorTest {

  private static ModelServer server(Quantity cpu) {
    return new ModelServer(null, "vllm/vllm-openai:v0.11.0", null, null, null, null, null, null, cpu, null, null,
        null, null, null, null, null, null, null);
  }

  private static ModelTierSpec serverSpec(Quantity cpu, Replicas replicas) {
    return new ModelTierSpec("m", 0, server(cpu), null, replicas, null);
  }

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void everyExampleTierIsValid() {
    for (var file : Examples.yamlFiles()) {
      for (ModelTier tier : new ResourceFiles("default").load(file).tiers()) {
        assertThat(ModelTierValidator.validate(tier.getMetadata().getName(), tier.getSpec()))
            .as(file.toString()).isEmpty();
      }
    }
  }

  @Test
  void aServerTierNeedsANameThatCanNameAService() {
    assertThat(fields(ModelTierValidator.validate("1b-model", serverSpec(null, null)))).containsExactly("metadata.name");
    assertThat(ModelTierValidator.validate("a".repeat(64), serverSpec(null, null))).hasSize(1);
    assertThat(ModelTierValidator.validate("small", serverSpec(null, null))).isEmpty();
  }

  @Test
  void cpuAutoscalingNeedsACpuRequest() {
    Replicas autoscaled = new Replicas(1, 3, null, null, null);

    List<FieldError> errors = ModelTierValidator.validate("small", serverSpec(null, autoscaled));

    assertThat(fields(errors)).containsExactly("spec.server.cpu");
    assertThat(errors.get(0).message()).contains("CPU request");
    assertThat(ModelTierValidator.validate("small", serverSpec(new Quantity("4"), autoscaled))).isEmpty();
  }

  @Test
  void aCustomMetricNeedsAQuantityTarget() {
    assertThat(fields(ModelTierValidator.validate("small",
        serverSpec(null, new Replicas(1, 3, null, "vllm:num_requests_waiting", null)))))
        .containsExactly("spec.replicas.metricTarget");
    assertThat(fields(ModelTierValidator.validate("small",
        serverSpec(null, new Replicas(1, 3, null, "vllm:num_requests_waiting", "five")))))
        .containsExactly("spec.replicas.metricTarget");
    assertThat(ModelTierValidator.validate("small",
        serverSpec(null, new Replicas(1, 3, null, "vllm:num_requests_waiting", "5")))).isEmpty();
  }

  @Test
  void anEndpointNeedsAnHttpUrlWithAHost() {
    assertThat(fields(endpoint("ftp://example.com"))).containsExactly("spec.endpoint.url");
    assertThat(fields(endpoint("https:///v1"))).containsExactly("spec.endpoint.url");
    assertThat(fields(endpoint("https://exa mple.com"))).containsExactly("spec.endpoint.url");
    assertThat(endpoint("https://api.openai.com/v1")).isEmpty();
  }

  @Test
  void exactlyOneOfServerOrEndpoint() {
    ModelTierSpec both = new ModelTierSpec("m", 0, server(null), new ExternalEndpoint("https://x.io", null), null, null);
    ModelTierSpec neither = new ModelTierSpec("m", 0, null, null, null, null);

    assertThat(fields(ModelTierValidator.validate("t", both))).containsExactly("spec");
    assertThat(fields(ModelTierValidator.validate("t", neither))).containsExactly("spec");
    assertThat(fields(ModelTierValidator.validate("t", null))).containsExactly("spec");
  }

  private static List<FieldError> endpoint(String url) {
    return ModelTierValidator.validate("frontier",
        new ModelTierSpec("gpt-4o", 2, null, new ExternalEndpoint(url, null), null, null));
  }
}
