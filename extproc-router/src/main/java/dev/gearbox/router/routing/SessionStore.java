package dev.gearbox.router.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;

/** The highest tier each session reached, forgotten after the TTL or when the store is full (least recent first). */
public final class SessionStore {
  private final String header;
  private final Duration ttl;
  private final int maxSessions;
  private final Cache<String, Integer> highestTier;

  public SessionStore(String header, Duration ttl, int maxSessions) {
    this(header, ttl, maxSessions, Ticker.systemTicker());
  }

  /** @param ticker the clock the TTL is measured on; tests pass one they move by hand */
  SessionStore(String header, Duration ttl, int maxSessions, Ticker ticker) {
    this.header = header;
    this.ttl = ttl;
    this.maxSessions = maxSessions;
    // Eviction runs on the caller (a few map operations), not handed off to the common pool.
    this.highestTier = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSessions).ticker(ticker)
        .executor(Runnable::run).build();
  }

  /** Header (lower case) carrying the session id. */
  public String header() {
    return header;
  }

  /** Whether this store can serve a policy with the given settings (kept across policy reloads). */
  public boolean sameSettings(String header, Duration ttl, int maxSessions) {
    return this.header.equals(header) && this.ttl.equals(ttl) && this.maxSessions == maxSessions;
  }

  /** Raises {@code tier} to the session's highest tier so far and remembers the result. */
  public int atLeastPrevious(String session, int tier) {
    Integer merged = highestTier.asMap().merge(session, tier, Math::max);
    return merged;
  }

  long size() {
    highestTier.cleanUp();
    return highestTier.estimatedSize();
  }
}
