package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

import java.util.List;

/** Which requests a policy governs; every criterion that is set must hold, an unset one matches anything. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestMatch(
    @Size(max = 32)
    @JsonPropertyDescription("Requested model names (the body's `model`), e.g. [auto].")
    List<String> models,

    @Size(max = 32)
    @JsonPropertyDescription("Request hosts (:authority), exact and case-insensitive.")
    List<String> hosts,

    @Size(max = 32)
    @JsonPropertyDescription("Request path prefixes, e.g. /v1/chat/completions.")
    List<String> paths,

    @Size(max = 16)
    @JsonPropertyDescription("Request headers that must all be present (and equal value, when given).")
    List<HeaderMatch> headers) {
}
