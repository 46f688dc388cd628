package dev.gearbox.router.xds;

import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Envoy's control plane: java-control-plane's discovery server (ADS, state of the world and delta, and the
 * per-type services) over a snapshot cache. Every Envoy gets the same snapshot, so the cache has one node group.
 * Takes a {@link ServerBuilder} so tests run it in-process.
 */
public final class XdsServer implements AutoCloseable {
  private static final String GROUP = "gearbox";

  private final SimpleCache<String> cache = new SimpleCache<>(node -> GROUP);
  private final Server server;

  public XdsServer(ServerBuilder<?> builder, MeterRegistry registry) {
    NackHold hold = new NackHold(cache);
    V3DiscoveryServer discovery = new V3DiscoveryServer(List.of(new XdsCallbacks(hold, registry)), hold);
    this.server = builder
        .addService(discovery.getAggregatedDiscoveryServiceImpl())
        .addService(discovery.getClusterDiscoveryServiceImpl())
        .addService(discovery.getEndpointDiscoveryServiceImpl())
        .addService(discovery.getRouteDiscoveryServiceImpl())
        .addService(discovery.getSecretDiscoveryServiceImpl())
        .build();
  }

  /** Keepalive pings from Envoy every 30 s or more are fine; the ADS stream lives as long as Envoy does. */
  public static ServerBuilder<?> netty(InetSocketAddress address) {
    return NettyServerBuilder.forAddress(address).permitKeepAliveTime(30, TimeUnit.SECONDS);
  }

  public XdsServer start() throws IOException {
    server.start();
    return this;
  }

  public int port() {
    return server.getPort();
  }

  /** Swaps the snapshot in; open watches get the resource types whose version changed. */
  public void publish(Snapshot snapshot) {
    cache.setSnapshot(GROUP, snapshot);
  }

  /** The snapshot served now, or null before the first. */
  public Snapshot current() {
    return cache.getSnapshot(GROUP);
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
