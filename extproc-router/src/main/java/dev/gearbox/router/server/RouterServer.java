package dev.gearbox.router.server;

import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.PolicySnapshot;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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

  public RouterServer(ServerBuilder<?> builder, ExtProcService service, SnapshotHolder snapshots) {
    this.service = service;
    this.server = builder.directExecutor()
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

  /** SERVING: a policy is loaded and the server is not draining. */
  public boolean ready() {
    return !draining && servingNow;
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
