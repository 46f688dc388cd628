package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Semantic(
    @Required
    @Size(min = 1, max = 256)
    @JsonPropertyDescription("Example prompts; embedded once when the policy is loaded.")
    List<String> examples,

    @Default("" + Semantic.DEFAULT_THRESHOLD)
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Cosine similarity to the closest example at or above which the condition holds.")
    Double threshold) {

  public static final double DEFAULT_THRESHOLD = 0.6;

  public double effectiveThreshold() {
    return threshold == null ? DEFAULT_THRESHOLD : threshold;
  }
}
