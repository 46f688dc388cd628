package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.min) || has(self.max)", message = "set min, max or both")
@ValidationRule(value = "!has(self.min) || !has(self.max) || self.min <= self.max", message = "min must not exceed max")
public record CountRange(
    @Min(0)
    @JsonPropertyDescription("Smallest count that matches (inclusive).")
    Integer min,

    @Min(0)
    @JsonPropertyDescription("Largest count that matches (inclusive).")
    Integer max) {
}
