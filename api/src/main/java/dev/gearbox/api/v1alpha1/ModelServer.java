package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.tensorParallelSize) || self.tensorParallelSize <= (has(self.gpu) && has(self.gpu.count) ? self.gpu.count : 1)",
    message = "server.tensorParallelSize must not exceed server.gpu.count")
@ValidationRule(value = "!has(self.tensorParallelSize) || self.tensorParallelSize == 1 || !has(self.gpu) || !has(self.gpu.migProfile)",
    message = "tensor parallelism needs whole GPUs: server.gpu.migProfile cannot be combined with server.tensorParallelSize > 1")
public record ModelServer(
    @Default("vllm")
    @JsonPropertyDescription("Serving engine. vllm and sglang get their standard command line built from the spec; "
        + "custom runs the image with args exactly as given.")
    Engine engine,

    @Required
    @JsonPropertyDescription("Container image of the model server, e.g. vllm/vllm-openai:v0.11.0.")
    String image,

    @JsonPropertyDescription("Where the engine loads the weights from: a Hugging Face repository id or a path in the model cache. "
        + "Defaults to spec.model.")
    String modelUri,

    @JsonPropertyDescription("Extra engine arguments appended after the ones Gearbox builds (for custom: the whole argument list).")
    List<String> args,

    @JsonPropertyDescription("Environment variables of the model-server container.")
    List<EnvVar> env,

    @Default("" + ModelServer.DEFAULT_PORT)
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Port the engine serves its OpenAI-compatible API on.")
    Integer port,

    @JsonPropertyDescription("GPUs per replica.")
    Gpu gpu,

    @Min(1)
    @JsonPropertyDescription("Tensor parallel size; at most gpu.count. Above 1, a memory-backed /dev/shm is mounted.")
    Integer tensorParallelSize,

    @JsonPropertyDescription("CPU request of the model-server container, e.g. \"4\".")
    Quantity cpu,

    @JsonPropertyDescription("Memory request and limit of the model-server container, e.g. 24Gi.")
    Quantity memory,

    @JsonPropertyDescription("Size limit of the memory-backed /dev/shm used with tensor parallelism (default: no limit).")
    Quantity shmSize,

    @JsonPropertyDescription("Extra node selector labels for the model-server pods.")
    Map<String, String> nodeSelector,

    @JsonPropertyDescription("Extra tolerations; a toleration for the nvidia.com/gpu taint is always added when GPUs are requested.")
    List<Toleration> tolerations,

    @JsonPropertyDescription("Priority class of the model-server pods.")
    String priorityClassName,

    @JsonPropertyDescription("Runtime class of the model-server pods, e.g. nvidia.")
    String runtimeClassName,

    @JsonPropertyDescription("Volume holding downloaded weights, so restarts do not download them again.")
    ModelCache modelCache,

    @JsonPropertyDescription("Secret holding a model-hub token (for gated models), exposed to the engine as HF_TOKEN.")
    SecretKeyReference hubTokenSecret,

    @Default("" + ModelServer.DEFAULT_STARTUP_TIMEOUT_SECONDS)
    @Min(60)
    @JsonPropertyDescription("Seconds the startup probe allows for downloading and loading the model before the pod is restarted.")
    Integer startupTimeoutSeconds) {

  public static final int DEFAULT_PORT = 8000;
  public static final int DEFAULT_STARTUP_TIMEOUT_SECONDS = 1800;

  public Engine effectiveEngine() {
    return engine == null ? Engine.VLLM : engine;
  }

  public int effectivePort() {
    return port == null ? DEFAULT_PORT : port;
  }

  public int effectiveStartupTimeoutSeconds() {
    return startupTimeoutSeconds == null ? DEFAULT_STARTUP_TIMEOUT_SECONDS : startupTimeoutSeconds;
  }

  /** Serving engines Gearbox knows how to start. */
  public enum Engine {
    @com.fasterxml.jackson.annotation.JsonProperty("vllm") VLLM,
    @com.fasterxml.jackson.annotation.JsonProperty("sglang") SGLANG,
    @com.fasterxml.jackson.annotation.JsonProperty("custom") CUSTOM
  }
}
