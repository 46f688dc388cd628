package dev.gearbox.router.server;

import dev.gearbox.router.request.TokenUsage;
import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.TierTarget;

import java.util.Locale;
import java.util.Map;

/**
 * Reads the tokens a routed request really used from its tier's response, where the router can see them: a whole
 * JSON body (a request with {@code stream: false}). Streamed responses, errors and bodies it does not ask for keep
 * the decision-time estimate, and are counted by why. One per request; called one message at a time.
 */
final class ResponseMeter {
  /**
   * Larger bodies are not asked for: they would cost the transport thread a longer parse, and one over the gRPC
   * message limit would fail the stream. A completion of 16k tokens is about 70 KB.
   */
  static final long MAX_METERED_BYTES = 256 * 1024;

  private final RouterEvents events;
  private CompiledPolicy policy;
  private TierTarget tier; // null: nothing to meter
  private boolean awaitingBody;

  ResponseMeter(RouterEvents events) {
    this.events = events;
  }

  /** The request's outcome: metered when it went to a tier the router chose. */
  void served(RouteResult result) {
    policy = result.policy();
    tier = result.servedBy();
  }

  /**
   * The response headers arrived.
   *
   * @return true when the body should be sent to the router to be metered
   */
  boolean onHeaders(Map<String, String> headers, boolean endOfStream) {
    if (tier == null) {
      return false;
    }
    String reason = unmeteredBecause(headers, endOfStream);
    if (reason != null) {
      done(reason);
      return false;
    }
    awaitingBody = true;
    return true;
  }

  /** The response body asked for arrived; {@code endOfStream} false means Envoy cut it at its buffer limit. */
  void onBody(byte[] body, boolean endOfStream) {
    if (!awaitingBody) {
      return;
    }
    awaitingBody = false;
    TokenUsage usage = endOfStream ? TokenUsage.read(body).orElse(null) : null;
    if (usage == null) {
      done(endOfStream ? "no_usage" : "too_large");
    } else {
      events.used(policy, tier, usage);
      tier = null;
    }
  }

  /** Why the body is not worth asking for, or null when it is. */
  static String unmeteredBecause(Map<String, String> headers, boolean endOfStream) {
    String status = headers.getOrDefault(":status", "");
    if (status.length() != 3 || status.charAt(0) != '2') {
      return "error_status";
    }
    String type = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
    if (type.startsWith("text/event-stream")) {
      return "streamed";
    }
    if (endOfStream) {
      return "no_body";
    }
    if (!type.startsWith("application/json")) {
      return "not_json";
    }
    String encoding = headers.getOrDefault("content-encoding", "identity").trim();
    if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
      return "compressed";
    }
    String length = headers.get("content-length");
    if (length == null) {
      return "unknown_length"; // chunked: it might not fit one message
    }
    return withinLimit(length) ? null : "too_large";
  }

  private static boolean withinLimit(String contentLength) {
    try {
      long length = Long.parseLong(contentLength.trim());
      return length >= 0 && length <= MAX_METERED_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void done(String reason) {
    events.unmetered(policy, tier, reason);
    tier = null;
  }
}
