package dev.gearbox.operator.cluster;

import dev.gearbox.operator.MockCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The directory test-cluster/build.sh fills: kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, etcd,
 * kwok and a {@code version} file. {@code GEARBOX_TEST_CLUSTER_BIN} moves it, as it does for the script.
 */
public record ControlPlaneBinaries(Path directory, String kubernetesVersion) {
  public static final String LOCATION_VARIABLE = "GEARBOX_TEST_CLUSTER_BIN";
  static final List<String> NAMES =
      List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl", "etcd", "kwok");

  /** The built binaries, or why there are none (for the message of a skipped test). */
  public static Found find() {
    String configured = System.getenv(LOCATION_VARIABLE);
    Path directory = configured == null || configured.isBlank()
        ? MockCluster.REPOSITORY.resolve("test-cluster/bin") : Path.of(configured).toAbsolutePath();
    List<String> missing = NAMES.stream().filter(name -> !Files.isExecutable(directory.resolve(name))).toList();
    Path versionFile = directory.resolve("version");
    if (!missing.isEmpty() || !Files.isRegularFile(versionFile)) {
      return new Found(Optional.empty(), "no control plane built in " + directory + " (missing "
          + (missing.isEmpty() ? "version" : String.join(", ", missing))
          + "); run test-cluster/build.sh (needs Go and the Go module proxy) to run the *ClusterIT tests");
    }
    try {
      return new Found(Optional.of(new ControlPlaneBinaries(directory, Files.readString(versionFile).strip())), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path binary(String name) {
    return directory.resolve(name);
  }

  /** @param why empty when found, otherwise what is missing and how to build it */
  public record Found(Optional<ControlPlaneBinaries> binaries, String why) {
  }
}
