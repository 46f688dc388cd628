package dev.gearbox.router.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Whether the Kubernetes client has a cluster to talk to, as its own configuration search would find one. Pure. */
final class ClusterAccess {
  private ClusterAccess() {
  }

  static boolean configured(Map<String, String> env, Path home) {
    return notBlank(env.get("KUBECONFIG")) || notBlank(env.get("KUBERNETES_SERVICE_HOST"))
        || notBlank(env.get("KUBERNETES_MASTER")) || Files.isRegularFile(home.resolve(".kube").resolve("config"));
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
