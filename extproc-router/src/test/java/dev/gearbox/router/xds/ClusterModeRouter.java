package dev.gearbox.router.xds;

import dev.gearbox.router.policy.ClusterPolicySource;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.SessionStores;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.List;

/** The router's cluster mode on one namespace, wired as {@code serve} wires it, with its xDS server in-process. */
final class ClusterModeRouter implements AutoCloseable {
  final XdsServer server;
  final ManagedChannel channel;
  private final ClusterPolicySource source;
  private final XdsSources.Running xds;

  ClusterModeRouter(KubernetesClient client, String namespace) throws Exception {
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    String name = InProcessServerBuilder.generateName();
    server = new XdsServer(InProcessServerBuilder.forName(name), new SimpleMeterRegistry()).start();
    channel = InProcessChannelBuilder.forName(name).build();
    source = new ClusterPolicySource(client, namespace, Classifiers.unavailable(), new SessionStores(), holder);
    xds = XdsSources.cluster(client, List.of(namespace), source, holder, server,
        new XdsSnapshots(XdsSettings.defaults()));
  }

  @Override
  public void close() throws Exception {
    xds.close();
    source.close();
    channel.shutdownNow();
    server.close();
  }
}
