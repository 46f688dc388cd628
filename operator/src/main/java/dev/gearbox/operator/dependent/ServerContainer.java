package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.TierNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model-server container of a tier's pods. */
public final class ServerContainer {
  public static final String NAME = "model-server";
  public static final String PORT_NAME = "http";
  public static final String HUB_TOKEN_ENV = "HF_TOKEN";
  /** How often the startup probe looks; the failure threshold is derived so that the total equals the timeout. */
  static final int STARTUP_PERIOD_SECONDS = 10;

  private ServerContainer() {
  }

  public static Container of(ModelTier tier) {
    ModelServer server = tier.getSpec().server();
    EngineCommand command = EngineCommand.of(tier);
    return new ContainerBuilder()
        .withName(NAME)
        .withImage(server.image())
        .withCommand(command.command())
        .withArgs(command.args())
        .addNewPort().withName(PORT_NAME).withContainerPort(server.effectivePort()).withProtocol("TCP").endPort()
        .withEnv(env(server))
        .withResources(resources(server))
        .withVolumeMounts(ServerVolumes.mounts(server))
        .withStartupProbe(startupProbe(server))
        .withReadinessProbe(probe(server, 10, 3))
        .withLivenessProbe(probe(server, 15, 4))
        .withNewSecurityContext()
          .withAllowPrivilegeEscalation(false)
          .withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .build();
  }

  /** HF_HOME points into the cache volume so any user id can write there; the user's env comes last and wins. */
  static List<EnvVar> env(ModelServer server) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVarBuilder().withName("HF_HOME").withValue(ServerVolumes.cachePath(server)).build());
    if (server.hubTokenSecret() != null) {
      env.add(new EnvVarBuilder().withName(HUB_TOKEN_ENV)
          .withNewValueFrom().withNewSecretKeyRef()
            .withName(server.hubTokenSecret().name()).withKey(server.hubTokenSecret().key())
          .endSecretKeyRef().endValueFrom()
          .build());
    }
    if (server.env() != null) {
      env.addAll(server.env());
    }
    return env;
  }

  /** Requests CPU and memory; memory and accelerators are limits too (the device plugin requires limits). */
  static ResourceRequirements resources(ModelServer server) {
    Map<String, Quantity> requests = new LinkedHashMap<>();
    Map<String, Quantity> limits = new LinkedHashMap<>();
    if (server.cpu() != null) {
      requests.put("cpu", server.cpu());
    }
    if (server.memory() != null) {
      requests.put("memory", server.memory());
      limits.put("memory", server.memory());
    }
    GpuScheduling.resourceName(server).ifPresent(resource -> {
      Quantity count = new Quantity(String.valueOf(ServerSettings.gpuCount(server)));
      requests.put(resource, count);
      limits.put(resource, count);
    });
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }

  /** Allows startupTimeoutSeconds for downloading and loading weights before the kubelet restarts the container. */
  static Probe startupProbe(ModelServer server) {
    int failures = (ServerSettings.startupTimeoutSeconds(server) + STARTUP_PERIOD_SECONDS - 1) / STARTUP_PERIOD_SECONDS;
    return base(server).withPeriodSeconds(STARTUP_PERIOD_SECONDS).withFailureThreshold(failures)
        .withTimeoutSeconds(5).build();
  }

  private static Probe probe(ModelServer server, int periodSeconds, int failureThreshold) {
    return base(server).withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold)
        .withTimeoutSeconds(5).build();
  }

  private static ProbeBuilder base(ModelServer server) {
    ProbeBuilder probe = new ProbeBuilder();
    if (EngineCommand.hasHealthEndpoint(server)) {
      return probe.withNewHttpGet().withPath(EngineCommand.HEALTH_PATH).withNewPort(PORT_NAME).endHttpGet();
    }
    return probe.withNewTcpSocket().withNewPort(PORT_NAME).endTcpSocket();
  }
}
