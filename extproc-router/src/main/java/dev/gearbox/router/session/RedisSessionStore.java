package dev.gearbox.router.session;

import dev.gearbox.router.routing.SessionStore;

import java.time.Duration;

/** One policy's sessions in the shared Redis store. */
final class RedisSessionStore implements SessionStore {
  private final RedisSessions redis;
  private final String policyId;
  private final String header;
  private final Duration ttl;

  RedisSessionStore(RedisSessions redis, String policyId, String header, Duration ttl) {
    this.redis = redis;
    this.policyId = policyId;
    this.header = header;
    this.ttl = ttl;
  }

  @Override
  public String header() {
    return header;
  }

  @Override
  public int atLeastPrevious(String session, String credential, int tier) {
    SessionStore.checkId(header, session);
    return redis.raise(key(session, credential), tier, ttl);
  }

  /** Policy, credential and id in one fixed-length key; the policy keeps two policies' sessions apart. */
  String key(String session, String credential) {
    return RedisSessions.KEY_PREFIX + SessionStore.hash(policyId + '\0' + session, credential);
  }

  @Override
  public boolean remote() {
    return true;
  }
}
