package dev.gearbox.router.load;

import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.request.TokenUsage;
import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.TierTarget;
import dev.gearbox.router.routing.SnapshotBuilder;
import dev.gearbox.router.server.ExtProcService;
import dev.gearbox.router.server.RouterServer;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executors;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.chat;
import static dev.gearbox.router.Fixtures.chatHeaders;
import static dev.gearbox.router.Fixtures.policy;
import static dev.gearbox.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** The load driver against an in-process router: every exchange answered, counted by the router's decision. */
class LoadDriverIT {
  private final SnapshotHolder snapshots = new SnapshotHolder(() -> { });
  private final List<EnvoyExchange> exchanges = List.of(exchange("please prove it"), exchange("hello there"));
  private final AtomicInteger metered = new AtomicInteger();
  private RouterServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    snapshots.apply(new SnapshotBuilder.Result(snapshot(TIERS + "---\n"
        + policy("rules: [{name: hard, tier: large, keywords: {any: [prove]}}]")), List.of()));
    RequestRouter router = new RequestRouter(snapshots, RouterSettings.defaults(), new RouterEvents() {
      @Override
      public void used(CompiledPolicy policy, TierTarget tier, TokenUsage usage) {
        metered.incrementAndGet();
      }
    });
    String name = InProcessServerBuilder.generateName();
    server = new RouterServer(InProcessServerBuilder.forName(name),
        new ExtProcService(router, Executors.newFixedThreadPool(2)), snapshots).start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdown(1);
  }

  private static EnvoyExchange exchange(String prompt) {
    return EnvoyExchange.of(chatHeaders(), chat("auto", prompt));
  }

  @Test
  void openLoopSendsEveryRequestAndCountsTheDecisions() throws Exception {
    LoadDriver.Result result = new LoadDriver(List.of(channel), exchanges).openLoop(400, 0.25, 1_000);

    assertThat(result.completed()).isEqualTo(100);
    assertThat(result.failed()).isZero();
    assertThat(result.decisions()).isEqualTo(Map.of("rule:hard", 50L, "default", 50L));
    assertThat(result.latencyNanos().getTotalCount()).isEqualTo(100);
    assertThat(result.fromScheduleNanos().getTotalCount()).isEqualTo(100);
    assertThat(result.fromScheduleNanos().getMaxValue()).isGreaterThanOrEqualTo(result.latencyNanos().getMaxValue());
  }

  @Test
  void closedLoopStopsAtTheRequestLimit() throws Exception {
    LoadDriver.Result result = new LoadDriver(List.of(channel), exchanges).closedLoop(4, 30, 40);

    assertThat(result.completed()).isEqualTo(40);
    assertThat(result.decisions()).containsEntry("rule:hard", 20L).containsEntry("default", 20L);
  }

  @Test
  void theTiersAnswersPassThroughTheRouterTimedOnTheirOwn() throws Exception {
    List<EnvoyExchange> answered = exchanges.stream().map(e -> e.answeredWith(2000)).toList();

    LoadDriver.Result result = new LoadDriver(List.of(channel), answered).closedLoop(2, 30, 20);

    assertThat(result.completed()).isEqualTo(20);
    assertThat(result.failed()).isZero();
    assertThat(result.answerNanos().getTotalCount()).isEqualTo(20);
    assertThat(metered).as("each answer's body asked for and its usage read").hasValue(20);
  }

  @Test
  void failOpenAnswersAreCountedByTheirReason() throws Exception {
    EnvoyExchange notJson = EnvoyExchange.of(chatHeaders(), "{not json".getBytes(StandardCharsets.UTF_8));

    LoadDriver.Result result = new LoadDriver(List.of(channel), List.of(notJson)).closedLoop(2, 30, 10);

    assertThat(result.completed()).isEqualTo(10);
    assertThat(result.decisions()).isEqualTo(Map.of("failopen:malformed_json", 10L));
  }
}
