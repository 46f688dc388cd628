package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.server) != has(self.endpoint)",
    message = "exactly one of spec.server (an in-cluster model server) or spec.endpoint (an external provider) must be set")
@ValidationRule(value = "!has(self.endpoint) || !has(self.replicas)",
    message = "spec.replicas applies to spec.server only; an external endpoint has no replicas")
public record ModelTierSpec(
    @Required
    @JsonPropertyDescription("Model name this tier serves. The router writes it into the request body's `model` field; "
        + "a vLLM or SGLang server is started with it as the served model name.")
    String model,

    @Required
    @Min(0)
    @JsonPropertyDescription("Cost order among tiers: lower is cheaper. A RoutingPolicy must list its tiers in ascending "
        + "rank; fallback and complexity thresholds follow that list.")
    Integer rank,

    @JsonPropertyDescription("An in-cluster model server the operator runs as a GPU-scheduled Deployment. "
        + "Mutually exclusive with endpoint.")
    ModelServer server,

    @JsonPropertyDescription("An external OpenAI-compatible provider used instead of an in-cluster server. "
        + "Mutually exclusive with server.")
    ExternalEndpoint endpoint,

    @JsonPropertyDescription("Replica bounds and the autoscaling target of the model server.")
    Replicas replicas,

    @JsonPropertyDescription("Price of the tier per million tokens, used for cost estimates in metrics and replay reports.")
    Pricing pricing) {
}
