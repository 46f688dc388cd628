package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.any) && size(self.any) > 0) || (has(self.all) && size(self.all) > 0)",
    message = "keywords needs at least one entry in any or all")
public record Keywords(
    @Size(max = 256)
    @JsonPropertyDescription("At least one of these must occur.")
    List<String> any,

    @Size(max = 64)
    @JsonPropertyDescription("All of these must occur.")
    List<String> all) {
}
