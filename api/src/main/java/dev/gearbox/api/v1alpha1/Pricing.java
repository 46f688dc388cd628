package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pricing(
    @Min(0)
    @JsonPropertyDescription("Price per million input (prompt) tokens, in any currency used consistently across tiers.")
    Double inputPerMillion,

    @Min(0)
    @JsonPropertyDescription("Price per million output (completion) tokens.")
    Double outputPerMillion) {
}
