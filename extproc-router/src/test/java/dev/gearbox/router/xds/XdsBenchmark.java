package dev.gearbox.router.xds;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.TierNames;
import io.envoyproxy.controlplane.cache.Resources.V3;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Not a test: N in-cluster ModelTiers with an EndpointSlice each in the mock API server, the router's cluster-mode
 * xDS server in-process and one Envoy-like ADS stream subscribed to every cluster and endpoint set (ACKing each
 * response). Measures, per event, the time from the API write to the response on the stream that carries it: an
 * endpoint turning ready or unready (EDS), a new ModelTier (CDS). Then the heap one snapshot of N tiers retains.
 * See docs/performance.md#xds.
 *
 * <p>Usage: {@code XdsBenchmark [tiers=1000] [events=200]}
 */
public final class XdsBenchmark {
  private static final String NS = "bench";

  private XdsBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int tiers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING); // the mock logs every request
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Map<ServerRequest, Queue<ServerResponse>> responses = new java.util.HashMap<>();
    KubernetesMockServer mock = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
        responses, new KubernetesMixedDispatcher(responses), false);
    mock.init();
    try (KubernetesClient client = mock.createClient()) {
      ExecutorService creators = Executors.newFixedThreadPool(8);
      for (int i = 0; i < tiers; i++) {
        int n = i;
        creators.execute(() -> {
          client.resource(tier("tier-" + n)).create();
          client.resource(slice("tier-" + n, false)).create();
        });
      }
      creators.shutdown();
      creators.awaitTermination(5, TimeUnit.MINUTES);
      measureStream(client, tiers, events);
    } finally {
      mock.destroy();
    }
    measureMemory(tiers);
  }

  private static void measureStream(KubernetesClient client, int tiers, int events) throws Exception {
    List<String> names = IntStream.range(0, tiers).mapToObj(i -> NS + ".tier-" + i).toList();
    try (ClusterModeRouter router = new ClusterModeRouter(client, NS);
         AdsClient envoy = AdsClient.stateOfTheWorld(router.channel)) {
      envoy.subscribe(V3.CLUSTER_TYPE_URL, "", List.of());
      DiscoveryResponse cds = envoy.next(V3.CLUSTER_TYPE_URL);
      while (cds.getResourcesCount() < tiers) {
        envoy.ack(cds, List.of());
        cds = envoy.next(V3.CLUSTER_TYPE_URL);
      }
      envoy.ack(cds, List.of());
      envoy.subscribe(V3.ENDPOINT_TYPE_URL, "", names);
      envoy.ack(untilHealth(envoy, names, names.get(0), HealthStatus.UNHEALTHY), names);

      Histogram eds = new Histogram(3);
      for (int e = 0; e < events; e++) {
        String tier = "tier-" + (e * 7919 % tiers);
        boolean ready = e / tiers % 2 == 0;
        long start = System.nanoTime();
        client.resource(slice(tier, ready)).update();
        DiscoveryResponse response = untilHealth(envoy, names, NS + "." + tier,
            ready ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY);
        eds.recordValue((System.nanoTime() - start) / 1000);
        envoy.ack(response, names);
      }
      Histogram added = new Histogram(3);
      for (int e = 0; e < Math.min(events, 50); e++) {
        String tier = "new-" + e;
        long start = System.nanoTime();
        client.resource(tier(tier)).create();
        DiscoveryResponse response = envoy.next(V3.CLUSTER_TYPE_URL);
        while (AdsClient.unpack(response, Cluster.class).stream().noneMatch(c -> c.getName().equals(NS + "." + tier))) {
          envoy.ack(response, List.of());
          response = envoy.next(V3.CLUSTER_TYPE_URL);
        }
        added.recordValue((System.nanoTime() - start) / 1000);
        envoy.ack(response, List.of());
      }
      report("endpoint ready/unready -> EDS on the stream", tiers, eds);
      report("ModelTier created -> CDS on the stream", tiers, added);
    }
  }

  /** The next EDS responses until one has this endpoint health for the tier. */
  private static DiscoveryResponse untilHealth(AdsClient envoy, List<String> names, String cluster,
      HealthStatus health) throws InterruptedException {
    while (true) {
      DiscoveryResponse response = envoy.next(V3.ENDPOINT_TYPE_URL);
      boolean found = AdsClient.unpack(response, ClusterLoadAssignment.class).stream()
          .anyMatch(a -> a.getClusterName().equals(cluster) && a.getEndpointsCount() > 0
              && a.getEndpoints(0).getLbEndpoints(0).getHealthStatus() == health);
      if (found) {
        return response;
      }
      envoy.ack(response, names);
    }
  }

  private static void report(String what, int tiers, Histogram h) {
    System.out.printf("%s: tiers=%d events=%d p50=%.1fms p99=%.1fms max=%.1fms%n", what, tiers, h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
  }

  /** Retained heap of one snapshot of N tiers (9 in 10 in-cluster with two endpoints, 1 in 10 external with a key). */
  private static void measureMemory(int tiers) {
    List<XdsTier> list = new ArrayList<>();
    Map<String, List<TierEndpoint>> endpoints = new java.util.HashMap<>();
    Map<XdsTier.SecretRef, SecretValue> keys = new java.util.HashMap<>();
    for (int i = 0; i < tiers; i++) {
      if (i % 10 == 9) {
        XdsTier.SecretRef key = new XdsTier.SecretRef(NS, "key-" + i, "api-key");
        list.add(new XdsTier(NS, "tier-" + i, new XdsTier.External("api" + i + ".example.com", 443, "/v1", true,
            key, null)));
        keys.put(key, new SecretValue(("sk-" + "x".repeat(48)).getBytes()));
      } else {
        list.add(new XdsTier(NS, "tier-" + i, new XdsTier.InCluster("tier-" + i, 8000, XdsTier.Protocol.HTTP1)));
        endpoints.put(NS + ".tier-" + i, List.of(new TierEndpoint("10.0." + i / 250 + "." + i % 250, 8000,
            TierEndpoint.Health.HEALTHY), new TierEndpoint("10.1." + i / 250 + "." + i % 250, 8000,
            TierEndpoint.Health.UNHEALTHY)));
      }
    }
    XdsInputs inputs = new XdsInputs(list, endpoints, keys, new Fallback.ToCluster(NS + ".tier-0"));
    XdsSnapshots snapshots = new XdsSnapshots(XdsSettings.defaults());
    int copies = 20;
    long before = usedAfterGc();
    List<Snapshot> held = new ArrayList<>();
    long buildNanos = 0;
    for (int c = 0; c < copies; c++) {
      long start = System.nanoTime();
      held.add(snapshots.build(inputs).snapshot());
      buildNanos += System.nanoTime() - start;
    }
    long after = usedAfterGc();
    Snapshot one = held.get(0);
    long wire = 0;
    for (var map : List.of(one.clusters().resources(), one.endpoints().resources(), one.routes().resources(),
        one.secrets().resources())) {
      wire += map.values().stream().mapToLong(m -> m.getSerializedSize()).sum();
    }
    System.out.printf("snapshot of %d tiers: retained=%.1fMB serialized=%.1fMB build=%.1fms (mean of %d)%n", tiers,
        (after - before) / (double) copies / (1 << 20), wire / (double) (1 << 20), buildNanos / 1e6 / copies, copies);
    if (held.size() != copies) {
      throw new IllegalStateException(); // keeps the snapshots reachable until measured
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static ModelTier tier(String name) {
    return XdsFixtures.tiers(XdsFixtures.TIERS.substring(0, XdsFixtures.TIERS.indexOf("---"))
        .replace("name: small, namespace: team", "name: " + name + ", namespace: " + NS)).get(0);
  }

  private static EndpointSlice slice(String tier, boolean ready) {
    return new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder().withNewMetadata()
        .withName(tier + "-x").withNamespace(NS)
        .withLabels(Map.of(ClusterXdsInputs.SERVICE_NAME, tier, TierNames.MANAGED_BY, TierNames.MANAGER)).endMetadata()
        .withAddressType("IPv4").addNewPort().withName("http").withPort(8000).withProtocol("TCP").endPort()
        .addNewEndpoint().withAddresses("10.2.0.1").withNewConditions().withReady(ready).withServing(ready)
        .withTerminating(false).endConditions().endEndpoint().build();
  }

}
