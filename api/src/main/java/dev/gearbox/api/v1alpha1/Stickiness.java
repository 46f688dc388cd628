package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How a conversation keeps its tier across turns. Defaults are declared once, here; a policy without this block
 * gets {@link #DEFAULT} (mode Conversation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.mode) || self.mode != 'Session' || has(self.header)",
    message = "stickiness.mode Session needs stickiness.header")
public record Stickiness(
    @JsonPropertyDescription("Conversation: a turn never goes below the highest tier the conversation's earlier user "
        + "turns (in the request's own messages) earn from the estimator; no state, so it holds across replicas and "
        + "restarts. Session: that, and also the highest tier the session id in `header` reached (for clients that "
        + "send only the last turn; in memory per replica, or shared in Redis). None: every turn on its own. "
        + "Default: Session when a header is set, else Conversation.")
    Mode mode,

    @JsonPropertyDescription("Request header carrying the session id, e.g. x-session-id. Ids longer than 256 characters are refused (invalid_session_id); a session is bound to the request's authorization header, so its id alone cannot raise another client's session.")
    String header,

    @Default("" + Stickiness.DEFAULT_TTL_SECONDS)
    @Min(1)
    @JsonPropertyDescription("Seconds a session remembers the highest tier it reached.")
    Integer ttlSeconds,

    @Default("" + Stickiness.DEFAULT_MAX_SESSIONS)
    @Min(1)
    @JsonPropertyDescription("Most sessions remembered per router replica, within its --session-store-bytes budget (shared equally by the sticky policies); the least recently used are forgotten first.")
    Integer maxSessions,

    @Default("" + Stickiness.DEFAULT_HISTORY_TURNS)
    @Min(0)
    @Max(64)
    @JsonPropertyDescription("Conversation floor: how many earlier user turns (the most recent) are scored.")
    Integer historyTurns,

    @Default("" + Stickiness.DEFAULT_HISTORY_CHARS)
    @Min(0)
    @Max(262144)
    @JsonPropertyDescription("Conversation floor: characters of earlier user turns scored at most, newest first.")
    Integer historyChars) {

  public enum Mode { Conversation, Session, None }

  public static final int DEFAULT_TTL_SECONDS = 1800;
  public static final int DEFAULT_MAX_SESSIONS = 100_000;
  public static final int DEFAULT_HISTORY_TURNS = 8;
  public static final int DEFAULT_HISTORY_CHARS = 16_384;
  public static final Stickiness DEFAULT = new Stickiness(null, null, null, null, null, null);

  /** A session store on {@code header}, with the conversation floor. */
  public Stickiness(String header, Integer ttlSeconds, Integer maxSessions) {
    this(null, header, ttlSeconds, maxSessions, null, null);
  }

  public Mode effectiveMode() {
    return mode != null ? mode : header != null ? Mode.Session : Mode.Conversation;
  }

  public int effectiveTtlSeconds() {
    return ttlSeconds == null ? DEFAULT_TTL_SECONDS : ttlSeconds;
  }

  public int effectiveMaxSessions() {
    return maxSessions == null ? DEFAULT_MAX_SESSIONS : maxSessions;
  }

  public int effectiveHistoryTurns() {
    return historyTurns == null ? DEFAULT_HISTORY_TURNS : historyTurns;
  }

  public int effectiveHistoryChars() {
    return historyChars == null ? DEFAULT_HISTORY_CHARS : historyChars;
  }

  /** Whether earlier turns in the request set a floor. */
  public boolean floorsOnHistory() {
    return effectiveMode() != Mode.None;
  }

  /** Whether a session store keyed by {@link #header} sets a floor. */
  public boolean floorsOnSession() {
    return effectiveMode() == Mode.Session && header != null && !header.isBlank();
  }
}
