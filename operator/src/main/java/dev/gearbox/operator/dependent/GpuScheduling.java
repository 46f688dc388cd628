package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.Gpu;
import dev.gearbox.api.v1alpha1.ModelServer;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where a model server may run: the NVIDIA device-plugin resource, node selector and the GPU taint toleration. */
public final class GpuScheduling {
  public static final String GPU_RESOURCE = "nvidia.com/gpu";
  public static final String MIG_RESOURCE_PREFIX = "nvidia.com/mig-";
  public static final String PRODUCT_LABEL = "nvidia.com/gpu.product";
  /** Taint the NVIDIA GPU operator and most clouds put on GPU nodes. */
  public static final String GPU_TAINT = "nvidia.com/gpu";

  private GpuScheduling() {
  }

  /** The extended resource to request ({@code nvidia.com/gpu} or {@code nvidia.com/mig-<profile>}), if any. */
  public static Optional<String> resourceName(ModelServer server) {
    if (ServerSettings.gpuCount(server) == 0) {
      return Optional.empty();
    }
    String mig = server.gpu().migProfile();
    return Optional.of(mig == null || mig.isBlank() ? GPU_RESOURCE : MIG_RESOURCE_PREFIX + mig);
  }

  public static Map<String, String> nodeSelector(ModelServer server) {
    Map<String, String> selector = new LinkedHashMap<>();
    if (server.nodeSelector() != null) {
      selector.putAll(server.nodeSelector());
    }
    Gpu gpu = server.gpu();
    if (gpu != null && gpu.product() != null && !gpu.product().isBlank()) {
      selector.put(PRODUCT_LABEL, gpu.product());
    }
    return selector;
  }

  public static List<Toleration> tolerations(ModelServer server) {
    List<Toleration> tolerations = new ArrayList<>();
    if (server.tolerations() != null) {
      tolerations.addAll(server.tolerations());
    }
    boolean gpuTolerated = tolerations.stream().anyMatch(t -> GPU_TAINT.equals(t.getKey()));
    if (resourceName(server).isPresent() && !gpuTolerated) {
      tolerations.add(new TolerationBuilder()
          .withKey(GPU_TAINT).withOperator("Exists").withEffect("NoSchedule").build());
    }
    return tolerations;
  }

  /** A human description of what the pods ask for, for status messages. */
  public static String describe(ModelServer server) {
    return resourceName(server)
        .map(resource -> ServerSettings.gpuCount(server) + " " + resource
            + Optional.ofNullable(server.gpu().product()).map(p -> " on nodes labelled " + PRODUCT_LABEL + "=" + p)
                .orElse(""))
        .orElse("no GPU");
  }
}
