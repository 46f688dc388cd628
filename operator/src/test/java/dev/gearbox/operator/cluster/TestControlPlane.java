package dev.gearbox.operator.cluster;

import dev.gearbox.operator.MockCluster;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real control plane on loopback ports: etcd and kube-apiserver started by kube-api-test in offline mode (it also
 * makes the certificates and the kubeconfig), then kube-controller-manager (deployments, replica sets, garbage
 * collection), kube-scheduler and kwok with {@link KwokNodes#fleet()}, and the CRDs from crds/ installed.
 */
public final class TestControlPlane implements AutoCloseable {
  private final KubeAPIServer apiServer;
  private final List<ControlPlaneProcess> processes = new ArrayList<>();
  private final Path kubeconfig;
  private final KubernetesClient admin;

  private TestControlPlane(ControlPlaneBinaries binaries, Path workDirectory) throws IOException {
    Path apiTestDirectory = workDirectory.resolve("kubeapitest");
    // kube-api-test looks for <dir>/k8s/<version>-<os>-<arch>/{kube-apiserver,etcd,kubectl}.
    Path versionDirectory = apiTestDirectory.resolve("k8s").resolve(binaries.kubernetesVersion() + "-linux-amd64");
    Files.createDirectories(versionDirectory.getParent());
    Files.createSymbolicLink(versionDirectory, binaries.directory());
    apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withOfflineMode(true)
        .withTestDir(apiTestDirectory.toString())
        .withApiServerVersion(binaries.kubernetesVersion())
        .withStartupTimeout(120_000) // two shared cores: etcd and the API server can take a while
        .build());
    try {
      apiServer.start();
    } catch (RuntimeException e) {
      apiServer.stop(); // etcd may be up although the API server is not
      throw e;
    }
    kubeconfig = workDirectory.resolve("kubeconfig");
    Files.writeString(kubeconfig, apiServer.getKubeConfigYaml());
    admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml())).build();
  }

  /** What runs against the API server; a failure here leaves processes that {@link #close()} must end. */
  private void startControllersAndNodes(ControlPlaneBinaries binaries, Path workDirectory) throws IOException {
    String kc = "--kubeconfig=" + kubeconfig;
    // --secure-port=0: neither needs to serve its own health or metrics endpoints here.
    processes.add(ControlPlaneProcess.start(binaries, "kube-controller-manager", workDirectory,
        List.of(kc, "--leader-elect=false", "--secure-port=0", "--controllers=*")));
    processes.add(ControlPlaneProcess.start(binaries, "kube-scheduler", workDirectory,
        List.of(kc, "--leader-elect=false", "--secure-port=0")));
    processes.add(ControlPlaneProcess.start(binaries, "kwok", workDirectory,
        List.of(kc, "--config=" + kwokStages(workDirectory), "--manage-all-nodes=false",
            "--manage-nodes-with-annotation-selector=" + KwokNodes.MANAGED_ANNOTATION + "=fake",
            "--cidr=10.244.0.0/16", "--node-ip=10.0.1.1")));
    installCrds();
    KwokNodes.fleet().forEach(node -> admin.resource(node).create());
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      processes.forEach(ControlPlaneProcess::checkAlive);
      List<Node> nodes = admin.nodes().list().getItems();
      if (nodes.size() != KwokNodes.fleet().size() || !nodes.stream().allMatch(TestControlPlane::ready)) {
        throw new AssertionError("kwok nodes not Ready yet: " + nodes.stream().map(n -> n.getMetadata().getName()).toList());
      }
    });
  }

  /** Starts everything under a fresh directory below {@code parent}; throws with the failing part's log when not. */
  public static TestControlPlane start(ControlPlaneBinaries binaries, Path parent) {
    try {
      Files.createDirectories(parent);
      Path workDirectory = Files.createTempDirectory(parent, "run-");
      TestControlPlane cluster = new TestControlPlane(binaries, workDirectory);
      try {
        cluster.startControllersAndNodes(binaries, workDirectory);
      } catch (IOException | RuntimeException | Error e) {
        cluster.close();
        throw e;
      }
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client with cluster-admin rights (the system:masters certificate kube-api-test makes). */
  public KubernetesClient admin() {
    return admin;
  }

  /** The admin client's configuration, to derive others from (for example one impersonating a ServiceAccount). */
  public Config adminConfig() {
    return Config.fromKubeconfig(apiServer.getKubeConfigYaml());
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** Fails when a control-plane process has died, so that a test does not wait for what will never happen. */
  public void checkAlive() {
    processes.forEach(ControlPlaneProcess::checkAlive);
  }

  private void installCrds() throws IOException {
    List<Path> crds;
    try (var files = Files.list(MockCluster.REPOSITORY.resolve("crds"))) {
      crds = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
    for (Path file : crds) {
      try (InputStream in = Files.newInputStream(file)) {
        admin.resource(admin.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class))
            .serverSideApply();
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> admin.apiextensions().v1().customResourceDefinitions().list()
        .getItems().stream().filter(crd -> crd.getSpec().getGroup().equals("gearbox.dev"))
        .filter(TestControlPlane::established).count() == crds.size());
  }

  private static Path kwokStages(Path workDirectory) throws IOException {
    Path stages = workDirectory.resolve("kwok-stages.yaml");
    try (InputStream in = TestControlPlane.class.getResourceAsStream("/kwok/stages.yaml")) {
      Files.copy(in, stages);
    }
    return stages;
  }

  private static boolean ready(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd.getStatus() != null && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Control-plane processes first (newest first), then the API server and etcd. */
  @Override
  public void close() {
    admin.close();
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    apiServer.stop();
  }
}
