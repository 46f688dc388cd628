package dev.gearbox.router.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One replica's memory of the highest tier each session reached, forgotten after the TTL or when the store is full
 * (least recent first). Bounded in bytes, whatever clients send: a session is remembered by a fixed-size hash of its
 * id and credential ({@link SessionStore#hash}), never the id itself.
 */
public final class MemorySessionStore implements SessionStore {
  /** What one remembered session costs: the 128-bit key, Caffeine's node and the map's entry. */
  static final int ENTRY_BYTES = 128;

  private final String header;
  private final Duration ttl;
  private final int maxSessions;
  private final Cache<SessionKey, Integer> highestTier;

  private record SessionKey(long high, long low) {
  }

  public MemorySessionStore(String header, Duration ttl, int maxSessions) {
    this(header, ttl, maxSessions, Ticker.systemTicker());
  }

  /** @param ticker the clock the TTL is measured on; tests pass one they move by hand */
  MemorySessionStore(String header, Duration ttl, int maxSessions, Ticker ticker) {
    this.header = header;
    this.ttl = ttl;
    this.maxSessions = maxSessions;
    // Eviction runs on the caller (a few map operations), not handed off to the common pool.
    this.highestTier = Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(maxBytes())
        .weigher((SessionKey key, Integer tier) -> ENTRY_BYTES).ticker(ticker).executor(Runnable::run).build();
  }

  @Override
  public String header() {
    return header;
  }

  /** Whether this store can serve a policy with the given settings (kept across policy reloads). */
  public boolean sameSettings(String header, Duration ttl, int maxSessions) {
    return this.header.equals(header) && this.ttl.equals(ttl) && this.maxSessions == maxSessions;
  }

  /** The bytes the policy's maxSessions asks for. */
  long maxBytes() {
    return (long) maxSessions * ENTRY_BYTES;
  }

  /** Shrinks (or restores) the store to {@code bytes}, its share of the router's session budget. */
  void limitTo(long bytes) {
    highestTier.policy().eviction().ifPresent(e -> e.setMaximum(Math.min(bytes, maxBytes())));
  }

  @Override
  public int atLeastPrevious(String session, String credential, int tier) {
    SessionStore.checkId(header, session);
    ByteBuffer bytes = ByteBuffer.wrap(SessionStore.hash(session, credential).asBytes());
    return highestTier.asMap().merge(new SessionKey(bytes.getLong(), bytes.getLong()), tier, Math::max);
  }

  long size() {
    highestTier.cleanUp();
    return highestTier.estimatedSize();
  }

  /** Bytes held now, by the same estimate the bound uses. */
  long estimatedBytes() {
    return highestTier.estimatedSize() * ENTRY_BYTES;
  }
}
