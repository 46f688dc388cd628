package dev.gearbox.router.session;

import dev.gearbox.router.Fixtures;
import dev.gearbox.router.routing.InvalidSessionException;
import dev.gearbox.router.routing.SessionStore;
import dev.gearbox.router.routing.SessionStores;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two router instances sharing a real Redis: one floor per session, bounded keys, routing on when it goes away. */
class RedisSessionsIT {
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private RedisServer redis;
  private final SimpleMeterRegistry registryA = new SimpleMeterRegistry();
  private final SimpleMeterRegistry registryB = new SimpleMeterRegistry();
  private RedisSessions replicaA;
  private RedisSessions replicaB;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
    replicaA = new RedisSessions(redis.uri(), TIMEOUT, registryA);
    replicaB = new RedisSessions(redis.uri(), TIMEOUT, registryB);
  }

  @AfterEach
  void stop() throws Exception {
    replicaA.close();
    replicaB.close();
    redis.close();
  }

  private static double count(SimpleMeterRegistry registry, String result) {
    return registry.get("gearbox.session.store").tag("result", result).counter().count();
  }

  @Test
  void twoReplicasGiveOneSessionTheSameFloor() {
    SessionStore a = replicaA.forPolicy("team/auto", "x-session-id", Duration.ofMinutes(30));
    SessionStore b = replicaB.forPolicy("team/auto", "x-session-id", Duration.ofMinutes(30));
    SessionStore otherPolicy = replicaB.forPolicy("team/other", "x-session-id", Duration.ofMinutes(30));

    assertThat(a.atLeastPrevious("s1", "Bearer k", 2)).isEqualTo(2);
    assertThat(b.atLeastPrevious("s1", "Bearer k", 0)).as("the other replica").isEqualTo(2);
    assertThat(b.atLeastPrevious("s1", "Bearer other", 0)).as("another credential").isZero();
    assertThat(otherPolicy.atLeastPrevious("s1", "Bearer k", 0)).as("another policy").isZero();
    assertThat(count(registryB, "hit")).isEqualTo(1);
    assertThat(count(registryA, "miss")).isEqualTo(1);
    assertThat(a.remote()).isTrue();
  }

  @Test
  void theStoreGoingAwayLeavesRoutingWorkingAndCounted() throws Exception {
    SessionStore a = replicaA.forPolicy("team/auto", "x-session-id", Duration.ofMinutes(30));
    a.atLeastPrevious("s1", null, 2);

    redis.close();

    long started = System.nanoTime();
    assertThat(a.atLeastPrevious("s1", null, 0)).as("decided without the floor").isZero();
    assertThat(a.atLeastPrevious("s2", null, 1)).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("never waits past the timeouts")
        .isLessThan(TIMEOUT.multipliedBy(10));
    assertThat(count(registryA, "error")).isEqualTo(2);
  }

  @Test
  void aStoreAwayAtStartDoesNotStopTheRouterAndIsUsedOnceItAnswers() throws Exception {
    int port = Integer.parseInt(redis.uri().substring(redis.uri().lastIndexOf(':') + 1));
    redis.close();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RedisSessions late = new RedisSessions(redis.uri(), TIMEOUT, registry)) {
      SessionStore store = late.forPolicy("team/auto", "x-session-id", Duration.ofMinutes(30));
      assertThat(store.atLeastPrevious("s1", null, 1)).as("decided without the floor").isEqualTo(1);
      assertThat(count(registry, "error")).isEqualTo(1);

      redis = RedisServer.start(port);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        store.atLeastPrevious("s2", null, 2);
        assertThat(store.atLeastPrevious("s2", null, 0)).isEqualTo(2);
      });
    }
  }

  @Test
  void hostileSessionIdsStayBounded() {
    SessionStore a = replicaA.forPolicy("team/auto", "x-session-id", Duration.ofMinutes(30));

    assertThatThrownBy(() -> a.atLeastPrevious("x".repeat(1 << 20), null, 1))
        .isInstanceOf(InvalidSessionException.class).hasMessageContaining("1048576 characters");
    for (int i = 0; i < 2_000; i++) {
      a.atLeastPrevious("s-" + i + "-" + "y".repeat(200), null, 1);
    }

    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = connection.sync().keys("*");
      assertThat(keys).hasSize(2_000).allSatisfy(key -> {
        assertThat(key).startsWith(RedisSessions.KEY_PREFIX).hasSize(RedisSessions.KEY_PREFIX.length() + 64);
        assertThat(connection.sync().ttl(key)).isBetween(1L, 1800L);
      });
    } finally {
      client.shutdown();
    }
  }

  @Test
  void sessionModePoliciesUseTheSharedStoreThroughTheirCompiledPolicy() {
    var stores = new SessionStores(SessionStores.DEFAULT_MAX_BYTES, replicaA);
    var policy = Fixtures.snapshot(Fixtures.TIERS + "---\n" + Fixtures.policy("""
        stickiness: {header: X-Session-Id}
        """), dev.gearbox.router.routing.Classifiers.unavailable(), stores).policies().get(0);

    assertThat(policy.sessions().remote()).isTrue();
    assertThat(policy.sessions().atLeastPrevious("s9", null, 1)).isEqualTo(1);
    assertThat(replicaB.forPolicy(policy.id(), "x-session-id", Duration.ofMinutes(1)).atLeastPrevious("s9", null, 0))
        .isEqualTo(1);
  }

  @Test
  void aTurnWithASharedSessionIsDecidedOnAWorkerNeverOnTheTransportThread() {
    var stores = new SessionStores(SessionStores.DEFAULT_MAX_BYTES, replicaA);
    var snapshot = Fixtures.snapshot(Fixtures.TIERS + "---\n" + Fixtures.policy("""
        stickiness: {header: X-Session-Id}
        """), dev.gearbox.router.routing.Classifiers.unavailable(), stores);
    var router = new dev.gearbox.router.routing.RequestRouter(() -> snapshot,
        dev.gearbox.router.routing.RouterSettings.defaults(), dev.gearbox.router.routing.RouterEvents.NONE);
    var headers = new java.util.HashMap<>(Fixtures.chatHeaders());
    headers.put("x-session-id", "s1");

    assertThat(router.onBodyInline(headers, Fixtures.chat("auto", "hi"))).as("may wait: not here")
        .isInstanceOf(dev.gearbox.router.routing.PreparedRequest.class);
    assertThat(count(registryA, "miss") + count(registryA, "hit")).isZero();
    assertThat(router.onBody(headers, Fixtures.chat("auto", "hi")).decision().tier().name()).isEqualTo("medium");
    assertThat(count(registryA, "miss")).isEqualTo(1);
    assertThat(router.onBodyInline(Fixtures.chatHeaders(), Fixtures.chat("auto", "hi")))
        .as("no session header: decided at once").isInstanceOf(dev.gearbox.router.routing.RouteResult.class);
  }
}
