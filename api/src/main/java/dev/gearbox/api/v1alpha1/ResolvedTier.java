package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolvedTier(
    @JsonPropertyDescription("ModelTier name.")
    String name,

    @JsonPropertyDescription("Whether the ModelTier exists.")
    Boolean found,

    @JsonPropertyDescription("The tier's spec.rank.")
    Integer rank,

    @JsonPropertyDescription("The tier's served model.")
    String model,

    @JsonPropertyDescription("Whether the tier's Ready condition is True.")
    Boolean ready,

    @JsonPropertyDescription("Envoy cluster name for the tier (<namespace>.<tier>).")
    String cluster) {
}
