package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the resource's own namespace. */
public record SecretKeyReference(
    @Required
    @Pattern(GearboxApi.NAME_PATTERN)
    @JsonPropertyDescription("Name of the Secret, in the same namespace.")
    String name,

    @Required
    @JsonPropertyDescription("Key within the Secret.")
    String key) {
}
