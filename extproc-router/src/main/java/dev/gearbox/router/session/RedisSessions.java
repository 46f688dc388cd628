package dev.gearbox.router.session;

import dev.gearbox.router.routing.SessionStore;
import dev.gearbox.router.routing.SharedSessions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sessions the router replicas share, in Redis (Lettuce). A session is one key: a prefix and the SHA-256 of the
 * policy, the credential and the session id (fixed length, whatever the client sends), holding the highest tier,
 * with the policy's TTL renewed on every turn. Read and raise are one Lua script, so replicas never race. Memory is
 * bounded by the keys' TTL and the Redis server's maxmemory (a volatile-* eviction policy suits it).
 *
 * <p>Every call waits at most the command timeout; while the server is away commands fail at once (no queue
 * builds up) and the turn is decided without the floor, counted as an error.
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

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> commands;
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
        .build());
    connection = client.connect(); // fails start-up clearly when the store is wrong from the start
    commands = connection.sync();
    hits = counter(registry, "hit", "a session found in the shared store");
    misses = counter(registry, "miss", "a session not in the shared store yet");
    errors = counter(registry, "error", "the shared store did not answer in time or at all; decided without it");
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
    try {
      List<Long> result = commands.eval(RAISE, ScriptOutputType.MULTI, new String[] {key},
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
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
