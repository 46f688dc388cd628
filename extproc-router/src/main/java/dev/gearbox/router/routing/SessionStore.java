package dev.gearbox.router.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The highest tier each session reached, forgotten after the TTL or when the store is full (least recent first).
 * Bounded in bytes, whatever clients send: a session is remembered by a fixed-size hash of its id, never the id
 * itself, and ids longer than {@link #MAX_ID_CHARS} are refused. The hash covers the request's credential
 * ({@code authorization}) too, so a session id alone cannot raise another client's session.
 */
public final class SessionStore {
  /** Longer session ids are refused: a client's id is a token, not a payload. */
  public static final int MAX_ID_CHARS = 256;
  /** What one remembered session costs: the 128-bit key, Caffeine's node and the map's entry. */
  static final int ENTRY_BYTES = 128;

  private final String header;
  private final Duration ttl;
  private final int maxSessions;
  private final Cache<SessionKey, Integer> highestTier;

  private record SessionKey(long high, long low) {
  }

  public SessionStore(String header, Duration ttl, int maxSessions) {
    this(header, ttl, maxSessions, Ticker.systemTicker());
  }

  /** @param ticker the clock the TTL is measured on; tests pass one they move by hand */
  SessionStore(String header, Duration ttl, int maxSessions, Ticker ticker) {
    this.header = header;
    this.ttl = ttl;
    this.maxSessions = maxSessions;
    // Eviction runs on the caller (a few map operations), not handed off to the common pool.
    this.highestTier = Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(maxBytes())
        .weigher((SessionKey key, Integer tier) -> ENTRY_BYTES).ticker(ticker).executor(Runnable::run).build();
  }

  /** Header (lower case) carrying the session id. */
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

  /**
   * Raises {@code tier} to the session's highest tier so far and remembers the result.
   *
   * @param credential the request's authorization header, or null
   * @throws InvalidSessionException when the id is longer than {@link #MAX_ID_CHARS}
   */
  public int atLeastPrevious(String session, String credential, int tier) {
    if (session.length() > MAX_ID_CHARS) {
      throw new InvalidSessionException("the " + header + " header is " + session.length()
          + " characters long; session ids may have at most " + MAX_ID_CHARS);
    }
    return highestTier.asMap().merge(key(session, credential), tier, Math::max);
  }

  private static SessionKey key(String session, String credential) {
    HashCode hash = Hashing.sha256().newHasher()
        .putString(credential == null ? "" : credential, StandardCharsets.UTF_8).putByte((byte) 0)
        .putString(session, StandardCharsets.UTF_8).hash();
    ByteBuffer bytes = ByteBuffer.wrap(hash.asBytes());
    return new SessionKey(bytes.getLong(), bytes.getLong());
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
