package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record HeaderMatch(
    @Required
    @Pattern("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
    @JsonPropertyDescription("Header name, case-insensitive.")
    String name,

    @JsonPropertyDescription("Exact value the header must have; when unset the header only has to be present.")
    String value) {
}
