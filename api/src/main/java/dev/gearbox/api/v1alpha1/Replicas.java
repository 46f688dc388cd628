package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.max) || (has(self.min) ? self.min : 1) <= self.max",
    message = "replicas.min must not exceed replicas.max")
public record Replicas(
    @Default("" + Replicas.DEFAULT_MIN)
    @Min(0)
    @JsonPropertyDescription("Minimum (and initial) number of model-server replicas.")
    Integer min,

    @Min(1)
    @JsonPropertyDescription("Maximum number of replicas; above min, a HorizontalPodAutoscaler is created.")
    Integer max,

    @Default("" + Replicas.DEFAULT_TARGET_CPU)
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Average CPU utilization (percent of request) the autoscaler aims for when no metric is named.")
    Integer targetCPUUtilizationPercentage,

    @JsonPropertyDescription("A per-pod custom metric to scale on instead of CPU, e.g. vllm:num_requests_waiting "
        + "(needs a metrics adapter).")
    String metric,

    @JsonPropertyDescription("Target average value of metric per pod, e.g. \"5\".")
    String metricTarget) {

  public static final int DEFAULT_MIN = 1;
  public static final int DEFAULT_TARGET_CPU = 80;

  public int effectiveMin() {
    return min == null ? DEFAULT_MIN : min;
  }

  public int effectiveTargetCpu() {
    return targetCPUUtilizationPercentage == null ? DEFAULT_TARGET_CPU : targetCPUUtilizationPercentage;
  }
}
