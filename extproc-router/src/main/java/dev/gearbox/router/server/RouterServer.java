package dev.gearbox.router.server;

import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.RouterSettings;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server: ext_proc and the standard health service, which says SERVING only while a policy is loaded.
 * Takes a {@link ServerBuilder} so tests run it in-process. Calls run on the transport's threads (gRPC's direct
 * executor); {@link ExtProcService} hands slow decisions to its workers. Shutdown: NOT_SERVING first, then drain,
 * then force.
 */
public final class RouterServer {
  private static final Logger LOG = LoggerFactory.getLogger(RouterServer.class);
  private static final String EXT_PROC = ExternalProcessorGrpc.SERVICE_NAME;

  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ExtProcService service;
  private volatile boolean draining;
  private volatile boolean servingNow;

  /** Overhead a body message carries beyond the body (field tags, end_of_stream, attributes): generous. */
  static final int MESSAGE_OVERHEAD_BYTES = 64 * 1024;
  /** gRPC metadata of the call itself (not the HTTP request's headers, which travel in a message). */
  static final int MAX_METADATA_BYTES = 16 * 1024;

  public RouterServer(ServerBuilder<?> builder, ExtProcService service, SnapshotHolder snapshots) {
    this(builder, service, snapshots, RouterSettings.defaults().maxBodyBytes());
  }

  /**
   * @param maxBodyBytes the router's --max-body-bytes: the largest message accepted is a body that size plus its
   *                     envelope, so a body of exactly the limit is decided and a larger one answered
   *                     body_too_large, never reset by gRPC's own limit
   */
  public RouterServer(ServerBuilder<?> builder, ExtProcService service, SnapshotHolder snapshots,
      int maxBodyBytes) {
    this.service = service;
    this.server = builder.directExecutor()
        .maxInboundMessageSize(maxBodyBytes + MESSAGE_OVERHEAD_BYTES)
        .maxInboundMetadataSize(MAX_METADATA_BYTES)
        .addService(service)
        .addService(health.getHealthService())
        .build();
    setServing(!snapshots.get().isEmpty());
    snapshots.onChange(this::onSnapshot);
  }

  public RouterServer start() throws IOException {
    server.start();
    return this;
  }

  public int port() {
    return server.getPort();
  }

  /** Ready: a policy is loaded, the server is not draining and no decision has stalled. */
  public boolean ready() {
    return !draining && servingNow && service.answering();
  }

  /**
   * The production transport, with per-connection limits: at most {@code maxStreamsPerConnection} concurrent
   * streams, idle connections closed, dead peers found by keepalive, and peers that ping more often than every
   * 10 s (Envoy's connection keepalive, when set, is slower) told to go away.
   */
  public static NettyServerBuilder netty(InetSocketAddress address, int maxStreamsPerConnection) {
    return NettyServerBuilder.forAddress(address)
        .maxConcurrentCallsPerConnection(maxStreamsPerConnection)
        .maxConnectionIdle(5, TimeUnit.MINUTES)
        .keepAliveTime(1, TimeUnit.MINUTES)
        .keepAliveTimeout(20, TimeUnit.SECONDS)
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true);
  }

  private void onSnapshot(PolicySnapshot snapshot) {
    if (!draining) {
      setServing(!snapshot.isEmpty());
    }
  }

  private void setServing(boolean serving) {
    servingNow = serving;
    ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus("", status);
    health.setStatus(EXT_PROC, status);
  }

  /** NOT_SERVING so load balancers stop sending, then let open streams finish for up to {@code drainSeconds}. */
  public synchronized void shutdown(long drainSeconds) throws InterruptedException {
    if (!draining) { // a second call (a hook after a test, say) only waits; health is terminal already
      draining = true;
      health.enterTerminalState();
    }
    servingNow = false;
    server.shutdown();
    if (!server.awaitTermination(drainSeconds, TimeUnit.SECONDS)) {
      LOG.warn("streams still open after {} s; closing them", drainSeconds);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    service.shutdown();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }
}
