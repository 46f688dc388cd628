package dev.gearbox.router.server;

import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SnapshotBuilder;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.chat;
import static dev.gearbox.router.Fixtures.chatHeaders;
import static dev.gearbox.router.Fixtures.policy;
import static dev.gearbox.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness and shutdown of the gRPC server: what load balancers and Envoy see. */
class RouterServerIT {
  private static final String EXT_PROC = ExternalProcessorGrpc.SERVICE_NAME;

  private final SnapshotHolder snapshots = new SnapshotHolder(() -> { });
  private RouterServer server;
  private ManagedChannel channel;
  private HealthGrpc.HealthBlockingStub health;

  @BeforeEach
  void start() throws Exception {
    RequestRouter router = new RequestRouter(snapshots, RouterSettings.defaults(), RouterEvents.NONE);
    String name = InProcessServerBuilder.generateName();
    server = new RouterServer(InProcessServerBuilder.forName(name),
        new ExtProcService(router, Executors.newFixedThreadPool(2)), snapshots).start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    health = HealthGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdown(1);
  }

  private ServingStatus status(String service) {
    return health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  private void loadPolicy() {
    snapshots.apply(new SnapshotBuilder.Result(
        snapshot(TIERS + "---\n" + policy("rules: [{name: hard, tier: large, keywords: {any: [prove]}}]")),
        List.of()));
  }

  @Test
  void notServingUntilAPolicyIsLoaded() {
    assertThat(status("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(status(EXT_PROC)).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(server.ready()).isFalse();

    loadPolicy();

    assertThat(status("")).isEqualTo(ServingStatus.SERVING);
    assertThat(status(EXT_PROC)).isEqualTo(ServingStatus.SERVING);
    assertThat(server.ready()).isTrue();
  }

  /** Over loopback Netty, the transport the router serves on. */
  @Test
  void drainingStopsBeingReadyButLetsAnOpenStreamFinish() throws Exception {
    loadPolicy();
    RequestRouter router = new RequestRouter(snapshots, RouterSettings.defaults(), RouterEvents.NONE);
    RouterServer netty = new RouterServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
        new ExtProcService(router, Executors.newFixedThreadPool(2)), snapshots).start();
    ManagedChannel loopback = NettyChannelBuilder.forAddress("127.0.0.1", netty.port()).usePlaintext().build();
    try (EnvoyClient envoy = new EnvoyClient(loopback)) {
      assertThat(envoy.send(EnvoyClient.headers(chatHeaders(), false)).hasRequestHeaders()).isTrue();

      Thread shutdown = new Thread(() -> {
        try {
          netty.shutdown(30);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      shutdown.start();
      await().until(() -> !netty.ready());

      // The request that was already in flight still gets its decision.
      assertThat(envoy.send(EnvoyClient.body(chat("auto", "please prove it"))).getRequestBody().getResponse()
          .getHeaderMutation().getSetHeadersList())
          .anySatisfy(h -> assertThat(h.getHeader().getRawValue().toStringUtf8()).isEqualTo("large"));
    } finally {
      loopback.shutdownNow();
      netty.shutdown(1);
    }
  }
}
