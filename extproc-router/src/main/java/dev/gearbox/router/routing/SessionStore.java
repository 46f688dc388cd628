package dev.gearbox.router.routing;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;

/**
 * The highest tier each session reached: one replica's memory ({@link MemorySessionStore}) or a store the replicas
 * share. Sessions are keyed by a hash of their id and the request's credential ({@code authorization}), so a
 * session id alone cannot raise another client's session and no id is ever stored.
 */
public interface SessionStore {
  /** Longer session ids are refused: a client's id is a token, not a payload. */
  int MAX_ID_CHARS = 256;

  /** Header (lower case) carrying the session id. */
  String header();

  /**
   * Raises {@code tier} to the session's highest tier so far and remembers the result. A shared store that cannot
   * be reached answers {@code tier} itself: routing goes on without the floor (and counts it).
   *
   * @param credential the request's authorization header, or null
   * @throws InvalidSessionException when the id is longer than {@link #MAX_ID_CHARS}
   */
  int atLeastPrevious(String session, String credential, int tier);

  /** Whether a lookup goes over the network, so the decision must run where it may wait (a worker). */
  default boolean remote() {
    return false;
  }

  static void checkId(String header, String session) {
    if (session.length() > MAX_ID_CHARS) {
      throw new InvalidSessionException("the " + header + " header is " + session.length()
          + " characters long; session ids may have at most " + MAX_ID_CHARS);
    }
  }

  static HashCode hash(String session, String credential) {
    return Hashing.sha256().newHasher()
        .putString(credential == null ? "" : credential, StandardCharsets.UTF_8).putByte((byte) 0)
        .putString(session, StandardCharsets.UTF_8).hash();
  }
}
