package dev.gearbox.operator;

import dev.gearbox.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * The Fabric8 mock API server in CRUD mode with the generated CRDs installed and the operator running against it,
 * configured the way that server needs (no server-side apply). Used by the *IT tests and the benchmark.
 */
public final class MockCluster implements AutoCloseable {
  /** The repository root, from the module directory (tests) or the root itself (the benchmark command). */
  public static final Path REPOSITORY =
      (Files.isDirectory(Path.of("crds")) ? Path.of(".") : Path.of("..")).toAbsolutePath().normalize();

  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient client;
  private final PrometheusMeterRegistry registry = GearboxOperator.meterRegistry(); // as main wires it
  private Operator operator;

  private MockCluster() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
    for (String crd : new String[] {"modeltiers.gearbox.dev-v1.yml", "routingpolicies.gearbox.dev-v1.yml"}) {
      try (InputStream in = Files.newInputStream(REPOSITORY.resolve("crds").resolve(crd))) {
        client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A mock cluster with the operator started, watching all namespaces. */
  public static MockCluster withOperator() {
    MockCluster cluster = new MockCluster();
    cluster.startOperator(testConfig(Set.of()));
    return cluster;
  }

  /** A mock cluster without an operator yet; the test stubs what it needs, then calls {@link #startOperator}. */
  public static MockCluster withoutOperator() {
    return new MockCluster();
  }

  /** The configuration the mock server needs: everything default except server-side apply. */
  public static OperatorConfig testConfig(Set<String> namespaces) {
    return new OperatorConfig(namespaces, false, "gearbox-operator", null, 0, 0, false, Duration.ofSeconds(5),
        "gearbox-system");
  }

  public void startOperator(OperatorConfig config) {
    operator = OperatorAssembly.create(client, config, registry, () -> { });
    operator.start();
  }

  public NamespacedKubernetesClient client() {
    return client;
  }

  public KubernetesMockServer server() {
    return server;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Operator operator() {
    return operator;
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.stop();
    }
    client.close();
    server.destroy();
  }
}
