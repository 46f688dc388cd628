package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.claimName) && has(self.sizeLimit))",
    message = "modelCache.sizeLimit applies to the emptyDir cache only; remove it when claimName is set")
public record ModelCache(
    @JsonPropertyDescription("PersistentVolumeClaim holding the cache; when unset an emptyDir is used.")
    String claimName,

    @JsonPropertyDescription("Size limit of the emptyDir cache.")
    Quantity sizeLimit,

    @Default(ModelCache.DEFAULT_MOUNT_PATH)
    @JsonPropertyDescription("Where the cache is mounted in the model-server container.")
    String mountPath) {

  public static final String DEFAULT_MOUNT_PATH = "/root/.cache/huggingface";

  public String effectiveMountPath() {
    return mountPath == null ? DEFAULT_MOUNT_PATH : mountPath;
  }
}
