package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.min) || has(self.max)", message = "set min, max or both")
@ValidationRule(value = "!has(self.min) || !has(self.max) || self.min <= self.max", message = "min must not exceed max")
public record ScoreRange(
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Lowest score that matches (inclusive), in [0, 1].")
    Double min,

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Score below which the condition matches (exclusive), in [0, 1].")
    Double max) {
}
