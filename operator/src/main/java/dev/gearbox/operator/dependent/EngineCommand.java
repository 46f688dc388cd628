package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.TierNames;

import java.util.ArrayList;
import java.util.List;

/** The command line of a model-server container: the engine's standard flags, then the user's args. */
public record EngineCommand(List<String> command, List<String> args) {

  /** Health endpoint of vLLM's and SGLang's OpenAI-compatible servers. */
  public static final String HEALTH_PATH = "/health";

  public static EngineCommand of(ModelTier tier) {
    ModelServer server = tier.getSpec().server();
    List<String> userArgs = server.args() == null ? List.of() : server.args();
    String port = String.valueOf(server.effectivePort());
    String tensorParallel = String.valueOf(ServerSettings.tensorParallelSize(server));
    List<String> args = new ArrayList<>();
    List<String> command = switch (ServerSettings.engine(server)) {
      case VLLM -> {
        args.addAll(List.of("--model", ServerSettings.modelUri(tier), "--served-model-name", tier.getSpec().model(),
            "--tensor-parallel-size", tensorParallel, "--host", "0.0.0.0", "--port", port));
        yield List.of("python3", "-m", "vllm.entrypoints.openai.api_server");
      }
      case SGLANG -> {
        args.addAll(List.of("--model-path", ServerSettings.modelUri(tier), "--served-model-name", tier.getSpec().model(),
            "--tp-size", tensorParallel, "--host", "0.0.0.0", "--port", port));
        yield List.of("python3", "-m", "sglang.launch_server");
      }
      case CUSTOM -> List.of(); // the image's own entrypoint
    };
    args.addAll(userArgs);
    return new EngineCommand(command, List.copyOf(args));
  }

  /** Whether the engine serves {@link #HEALTH_PATH}; a custom image is probed on its TCP port instead. */
  public static boolean hasHealthEndpoint(ModelServer server) {
    return ServerSettings.engine(server) != ModelServer.Engine.CUSTOM;
  }
}
