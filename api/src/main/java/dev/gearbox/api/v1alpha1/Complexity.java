package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

/** Maps the estimator's score in [0, 1] onto the policy's ordered tiers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.thresholds) != has(self.shares)",
    message = "set exactly one of complexity.thresholds or complexity.shares")
@ValidationRule(value = "!has(self.thresholds) || self.thresholds.isSorted()",
    message = "complexity.thresholds must be in ascending order")
@ValidationRule(value = "!has(self.shares) || self.shares.sum() == 100",
    message = "complexity.shares must add up to 100")
public record Complexity(
    @Size(max = 15)
    @JsonPropertyDescription("Ascending score boundaries between consecutive tiers: a score below thresholds[i] goes to "
        + "tiers[i], at or above the last one to the top tier. Write them with `gearbox-router calibrate`.")
    List<@Min(0) @Max(1) Double> thresholds,

    @Size(max = 16)
    @JsonPropertyDescription("Target traffic share per tier in percent (adding up to 100); the router turns them into "
        + "thresholds with the estimator's calibration curve. Prefer thresholds from `calibrate` on your own traffic.")
    List<@Min(0) @Max(100) Integer> shares) {
}
