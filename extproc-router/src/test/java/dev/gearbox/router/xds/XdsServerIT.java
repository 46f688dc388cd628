package dev.gearbox.router.xds;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.controlplane.cache.Resources.V3;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gearbox.router.xds.XdsFixtures.KEY;
import static dev.gearbox.router.xds.XdsFixtures.TIERS;
import static dev.gearbox.router.xds.XdsFixtures.policy;
import static dev.gearbox.router.xds.XdsFixtures.secret;
import static dev.gearbox.router.xds.XdsFixtures.xdsTiers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server in-process, spoken to over ADS as Envoy speaks it. */
class XdsServerIT {
  private static final List<String> EDS = List.of("team.medium", "team.small");
  private static final List<String> RDS = List.of("gearbox");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final XdsSnapshots snapshots = new XdsSnapshots(XdsSettings.defaults());
  private XdsServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = new XdsServer(InProcessServerBuilder.forName(name), registry).start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.close();
  }

  /** Publishes the tiers with small's endpoint in this health. */
  private Snapshot publish(String tiers, HealthStatus small) {
    return publish(tiers, small, "10.0.0.1");
  }

  private Snapshot publish(String tiers, HealthStatus small, String address) {
    TierEndpoint.Health health = small == HealthStatus.HEALTHY ? TierEndpoint.Health.HEALTHY
        : TierEndpoint.Health.UNHEALTHY;
    XdsInputs inputs = XdsInputs.of(xdsTiers(tiers),
        Map.of("team.small", List.of(new TierEndpoint(address, 8000, health))),
        refs -> Map.of(KEY, secret("sk-test")), policy("FailOpen"));
    Snapshot snapshot = snapshots.build(inputs).snapshot();
    server.publish(snapshot);
    return snapshot;
  }

  private static List<String> names(List<Cluster> clusters) {
    return clusters.stream().map(Cluster::getName).toList();
  }

  @Test
  void envoySubscribesToClustersEndpointsRoutesAndSecretsAndGetsChanges() throws Exception {
    publish(TIERS, HealthStatus.HEALTHY);
    try (AdsClient envoy = AdsClient.stateOfTheWorld(channel)) {
      envoy.subscribe(V3.CLUSTER_TYPE_URL, "", List.of());
      DiscoveryResponse cds = envoy.next(V3.CLUSTER_TYPE_URL);
      List<Cluster> clusters = AdsClient.unpack(cds, Cluster.class);
      assertThat(names(clusters)).containsExactlyInAnyOrder("team.small", "team.medium", "team.large");
      clusters.forEach(c -> assertThat(EnvoyRules.violations(c)).isEmpty());
      envoy.ack(cds, List.of());

      envoy.subscribe(V3.ENDPOINT_TYPE_URL, "", EDS);
      DiscoveryResponse eds = envoy.next(V3.ENDPOINT_TYPE_URL);
      assertThat(AdsClient.unpack(eds, ClusterLoadAssignment.class)).extracting(ClusterLoadAssignment::getClusterName)
          .containsExactlyInAnyOrderElementsOf(EDS);
      envoy.ack(eds, EDS);
      envoy.subscribe(V3.ROUTE_TYPE_URL, "", RDS);
      DiscoveryResponse rds = envoy.next(V3.ROUTE_TYPE_URL);
      RouteConfiguration routes = AdsClient.unpack(rds, RouteConfiguration.class).get(0);
      assertThat(EnvoyRules.violations(routes)).isEmpty();
      assertThat(routes.getVirtualHosts(0).getRoutesList()).allSatisfy(r -> assertThat(names(clusters))
          .contains(r.getRoute().getCluster()));
      envoy.ack(rds, RDS);
      envoy.subscribe(V3.SECRET_TYPE_URL, "", List.of("team.large.api-key"));
      assertThat(AdsClient.unpack(envoy.next(V3.SECRET_TYPE_URL), Secret.class)).extracting(Secret::getName)
          .containsExactly("team.large.api-key");

      Snapshot next = publish(TIERS, HealthStatus.UNHEALTHY);
      DiscoveryResponse changed = envoy.next(V3.ENDPOINT_TYPE_URL);
      assertThat(changed.getVersionInfo()).isEqualTo(next.version(ResourceType.ENDPOINT));
      assertThat(AdsClient.unpack(changed, ClusterLoadAssignment.class).stream()
          .filter(a -> a.getClusterName().equals("team.small")).findFirst().orElseThrow()
          .getEndpoints(0).getLbEndpoints(0).getHealthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
    }
  }

  @Test
  void aNackedVersionIsCountedAndNotResentAndTheNextSnapshotArrives() throws Exception {
    String first = publish(TIERS, HealthStatus.HEALTHY).version(ResourceType.ROUTE);
    try (AdsClient envoy = AdsClient.stateOfTheWorld(channel)) {
      envoy.subscribe(V3.ROUTE_TYPE_URL, "", RDS);
      DiscoveryResponse accepted = envoy.next(V3.ROUTE_TYPE_URL);
      envoy.ack(accepted, RDS);
      String rejected = publish(TIERS.replace("api.example.com", "api2.example.com"), HealthStatus.HEALTHY)
          .version(ResourceType.ROUTE);
      DiscoveryResponse bad = envoy.next(V3.ROUTE_TYPE_URL);
      assertThat(bad.getVersionInfo()).isEqualTo(rejected);

      envoy.nack(bad, first, RDS, "route: something Envoy refused");

      await().untilAsserted(() -> assertThat(registry.counter("gearbox.xds.nacks", "type", "rds").count())
          .isEqualTo(1));
      String fixed = publish(TIERS.replace("api.example.com", "api3.example.com"), HealthStatus.HEALTHY)
          .version(ResourceType.ROUTE);
      assertThat(envoy.next(V3.ROUTE_TYPE_URL).getVersionInfo()).as("the rejected version was not sent again")
          .isEqualTo(fixed);
    }
  }

  @Test
  void aReconnectingEnvoyGetsTheCurrentVersion() throws Exception {
    String first = publish(TIERS, HealthStatus.HEALTHY).version(ResourceType.CLUSTER);
    try (AdsClient envoy = AdsClient.stateOfTheWorld(channel)) {
      envoy.subscribe(V3.CLUSTER_TYPE_URL, "", List.of());
      envoy.ack(envoy.next(V3.CLUSTER_TYPE_URL), List.of());
    }
    String removed = publish(TIERS.substring(0, TIERS.indexOf("---")), HealthStatus.HEALTHY)
        .version(ResourceType.CLUSTER);
    try (AdsClient again = AdsClient.stateOfTheWorld(channel)) {
      again.subscribe(V3.CLUSTER_TYPE_URL, first, List.of());
      DiscoveryResponse cds = again.next(V3.CLUSTER_TYPE_URL);
      assertThat(cds.getVersionInfo()).isEqualTo(removed);
      assertThat(names(AdsClient.unpack(cds, Cluster.class))).containsExactly("team.small");
    }
  }

  @Test
  void deltaSendsOnlyWhatChangedAndNamesWhatWasRemoved() throws Exception {
    publish(TIERS, HealthStatus.HEALTHY);
    try (AdsClient envoy = AdsClient.delta(channel)) {
      envoy.subscribeDelta(V3.CLUSTER_TYPE_URL, List.of("*"));
      DeltaDiscoveryResponse all = envoy.nextDelta(V3.CLUSTER_TYPE_URL);
      assertThat(all.getResourcesList()).extracting(Resource::getName)
          .containsExactlyInAnyOrder("team.small", "team.medium", "team.large");
      all.getResourcesList().forEach(r -> assertThat(EnvoyRules.violations(AdsClient.unpack(r.getResource(),
          Cluster.class))).isEmpty());
      envoy.ackDelta(all);

      publish(TIERS.substring(0, TIERS.lastIndexOf("---")), HealthStatus.HEALTHY);
      DeltaDiscoveryResponse change = envoy.nextDelta(V3.CLUSTER_TYPE_URL);
      assertThat(change.getRemovedResourcesList()).containsExactly("team.large");
      assertThat(change.getResourcesList()).as("unchanged clusters are not sent again").isEmpty();
    }
  }

  @Test
  void deltaServesNamedSubscriptionsAndANackIsCountedAndNotResent() throws Exception {
    publish(TIERS, HealthStatus.HEALTHY);
    try (AdsClient envoy = AdsClient.delta(channel)) {
      envoy.subscribeDelta(V3.ROUTE_TYPE_URL, RDS);
      DeltaDiscoveryResponse routes = envoy.nextDelta(V3.ROUTE_TYPE_URL);
      assertThat(routes.getResourcesList()).extracting(Resource::getName).containsExactly("gearbox");
      envoy.ackDelta(routes);
      envoy.subscribeDelta(V3.ENDPOINT_TYPE_URL, List.of("team.small"));
      DeltaDiscoveryResponse endpoints = envoy.nextDelta(V3.ENDPOINT_TYPE_URL);
      assertThat(endpoints.getResourcesList()).extracting(Resource::getName).containsExactly("team.small");
      envoy.ackDelta(endpoints);

      publish(TIERS, HealthStatus.UNHEALTHY);
      DeltaDiscoveryResponse changed = envoy.nextDelta(V3.ENDPOINT_TYPE_URL);
      envoy.nackDelta(changed, "endpoint: something Envoy refused");
      await().untilAsserted(() -> assertThat(registry.counter("gearbox.xds.nacks", "type", "eds").count())
          .isEqualTo(1));
      publish(TIERS, HealthStatus.HEALTHY, "10.0.0.9");
      DeltaDiscoveryResponse next = envoy.nextDelta(V3.ENDPOINT_TYPE_URL);
      assertThat(AdsClient.unpack(next.getResources(0).getResource(), ClusterLoadAssignment.class)
          .getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress().getAddress())
          .as("the next change, not the rejected one again").isEqualTo("10.0.0.9");
    }
  }

  /** The production transport: Netty on a TCP port, as Envoy's gearbox-xds cluster reaches it. */
  @Test
  void servesOverTcpAsServeRunsIt() throws Exception {
    XdsServer tcp = new XdsServer(XdsServer.netty(new java.net.InetSocketAddress("127.0.0.1", 0)), registry).start();
    ManagedChannel plaintext = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
        .forAddress("127.0.0.1", tcp.port()).usePlaintext().build();
    try (AdsClient envoy = AdsClient.stateOfTheWorld(plaintext)) {
      XdsInputs inputs = XdsInputs.of(xdsTiers(TIERS), Map.of(), refs -> Map.of(), policy("FailOpen"));
      tcp.publish(snapshots.build(inputs).snapshot());
      envoy.subscribe(V3.CLUSTER_TYPE_URL, "", List.of());
      assertThat(envoy.next(V3.CLUSTER_TYPE_URL).getResourcesCount()).isEqualTo(3);
    } finally {
      plaintext.shutdownNow();
      tcp.close();
    }
  }
}
