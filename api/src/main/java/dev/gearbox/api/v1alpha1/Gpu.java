package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gpu(
    @Default("" + Gpu.DEFAULT_COUNT)
    @Min(0)
    @JsonPropertyDescription("GPUs per replica, requested as nvidia.com/gpu (or MIG slices when migProfile is set).")
    Integer count,

    @JsonPropertyDescription("GPU model to schedule on, matched against the node label nvidia.com/gpu.product, "
        + "e.g. NVIDIA-L4 or NVIDIA-A100-SXM4-80GB.")
    String product,

    @Pattern("^[0-9]+g\\.[0-9]+gb$")
    @JsonPropertyDescription("MIG profile, e.g. 1g.10gb; requests nvidia.com/mig-<profile> instead of whole GPUs.")
    String migProfile) {

  public static final int DEFAULT_COUNT = 1;

  public int effectiveCount() {
    return count == null ? DEFAULT_COUNT : count;
  }
}
