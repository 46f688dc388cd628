package dev.gearbox.router.session;

import dev.gearbox.router.routing.SessionStore;
import dev.gearbox.router.routing.SharedSessions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sessions the router replicas share, in Redis (Lettuce). A session is one key: a prefix and the SHA-256 of the
 * policy, the credential and the session id (fixed length, whatever the client sends), holding the highest tier,
 * with the policy's TTL renewed on every turn. Read and raise are one Lua script, so replicas never race. Memory is
 * bounded by the keys' TTL and the Redis server's maxmemory (a volatile-* eviction policy suits it).
 *
 * <p>Every call waits at most the command timeout; while the server is away commands fail at once (no queue
 * builds up) and the turn is decided without the floor, counted as an error. A server that is away when the router
 * starts does not stop it: the connection is tried again in the background until it succeeds, after which Lettuce
 * reconnects on its own.
 */
public final class RedisSessions implements SharedSessions {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSessions.class);
  static final String KEY_PREFIX = "gearbox:session:";
  // Returns {previous tier or -1, the tier now stored}.
  private static final String RAISE = """
      local previous = redis.call('GET', KEYS[1])
      local tier = tonumber(ARGV[1])
      if previous and tonumber(previous) > tier then tier = tonumber(previous) end
      redis.call('SET', KEYS[1], tier, 'EX', tonumber(ARGV[2]))
      if previous then return {tonumber(previous), tier} end
      return {-1, tier}
      """;

  private static final Duration CONNECT_RETRY = Duration.ofSeconds(5);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private final RedisClient client;
  private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();
  private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "session-store-connect");
    t.setDaemon(true);
    return t;
  });
  private final Counter hits;
  private final Counter misses;
  private final Counter errors;
  private final AtomicBoolean failing = new AtomicBoolean();

  /** @param uri redis://[password@]host:port[/db], or rediss:// for TLS */
  public RedisSessions(String uri, Duration timeout, MeterRegistry registry) {
    RedisURI redis = RedisURI.create(uri);
    redis.setTimeout(timeout);
    client = RedisClient.create(redis);
    client.setOptions(ClientOptions.builder()
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .autoReconnect(true)
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
        .build());
    hits = counter(registry, "hit", "a session found in the shared store");
    misses = counter(registry, "miss", "a session not in the shared store yet");
    errors = counter(registry, "error", "the shared store did not answer in time or at all; decided without it");
    connect(); // once now, so a store that is there is used from the first turn
  }

  private void connect() {
    try {
      connection.set(client.connect());
      LOG.info("shared session store connected");
    } catch (RuntimeException e) {
      if (failing.compareAndSet(false, true)) {
        LOG.warn("shared session store unreachable ({}); deciding without session floors, retrying every {} s",
            e.getMessage(), CONNECT_RETRY.toSeconds());
      }
      connector.schedule(this::connect, CONNECT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static Counter counter(MeterRegistry registry, String result, String description) {
    return Counter.builder("gearbox.session.store").tag("result", result).description(description)
        .register(registry);
  }

  @Override
  public SessionStore forPolicy(String policyId, String header, Duration ttl) {
    return new RedisSessionStore(this, policyId, header, ttl);
  }

  /** The stored tier after raising it to {@code tier}; {@code tier} itself when the store fails. */
  int raise(String key, int tier, Duration ttl) {
    StatefulRedisConnection<String, String> connected = connection.get();
    if (connected == null) {
      errors.increment(); // not connected yet: decided without the floor
      return tier;
    }
    try {
      List<Long> result = connected.sync().eval(RAISE, ScriptOutputType.MULTI, new String[] {key},
          Integer.toString(tier), Long.toString(Math.max(1, ttl.toSeconds())));
      (result.get(0) < 0 ? misses : hits).increment();
      if (failing.compareAndSet(true, false)) {
        LOG.info("shared session store answers again");
      }
      return result.get(1).intValue();
    } catch (RuntimeException e) {
      errors.increment();
      if (failing.compareAndSet(false, true)) { // once per outage, not once per request
        LOG.warn("shared session store failed ({}); deciding without session floors until it answers",
            e.getMessage());
      }
      return tier;
    }
  }

  @Override
  public void close() {
    connector.shutdownNow();
    StatefulRedisConnection<String, String> connected = connection.get();
    if (connected != null) {
      connected.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
