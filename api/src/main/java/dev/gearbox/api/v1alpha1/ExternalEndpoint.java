package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExternalEndpoint(
    @Required
    @Pattern("^https?://[^\\s/]+(/\\S*)?$")
    @JsonPropertyDescription("Base URL of the OpenAI-compatible API, e.g. https://api.openai.com/v1.")
    String url,

    @JsonPropertyDescription("Secret key holding the provider's API key; Envoy sends it as a bearer token.")
    SecretKeyReference apiKeySecret) {
}
