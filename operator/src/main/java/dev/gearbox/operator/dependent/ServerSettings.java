package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.Gpu;
import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.Replicas;

/**
 * A tier's server settings with the CRD defaults applied, so the builders never re-spell a default. Objects that did
 * not pass through an API server (tests, YAML files) may lack the defaults the schema would have filled in.
 */
public final class ServerSettings {
  private ServerSettings() {
  }

  public static ModelServer.Engine engine(ModelServer server) {
    return server.effectiveEngine();
  }

  public static String modelUri(ModelTier tier) {
    String uri = tier.getSpec().server().modelUri();
    return uri == null || uri.isBlank() ? tier.getSpec().model() : uri;
  }

  /** GPUs (or MIG slices) per replica; no gpu block means a CPU-only server. */
  public static int gpuCount(ModelServer server) {
    Gpu gpu = server.gpu();
    if (gpu == null) {
      return 0;
    }
    return gpu.effectiveCount();
  }

  public static int tensorParallelSize(ModelServer server) {
    return server.tensorParallelSize() == null ? 1 : server.tensorParallelSize();
  }

  public static int startupTimeoutSeconds(ModelServer server) {
    return server.effectiveStartupTimeoutSeconds();
  }

  public static int minReplicas(ModelTier tier) {
    Replicas replicas = tier.getSpec().replicas();
    return replicas == null ? Replicas.DEFAULT_MIN : replicas.effectiveMin();
  }

  /** Upper replica bound; equal to the minimum when none is given (no autoscaling). */
  public static int maxReplicas(ModelTier tier) {
    Replicas replicas = tier.getSpec().replicas();
    return replicas == null || replicas.max() == null ? minReplicas(tier) : Math.max(replicas.max(), minReplicas(tier));
  }

  /** Whether the tier runs an in-cluster server (and so owns a Deployment and a Service). */
  public static boolean selfHosted(ModelTier tier) {
    return tier.getSpec() != null && tier.getSpec().server() != null;
  }

  public static boolean autoscaled(ModelTier tier) {
    return selfHosted(tier) && maxReplicas(tier) > minReplicas(tier);
  }

  public static int targetCpuUtilization(ModelTier tier) {
    Replicas replicas = tier.getSpec().replicas();
    return replicas == null ? Replicas.DEFAULT_TARGET_CPU : replicas.effectiveTargetCpu();
  }
}
