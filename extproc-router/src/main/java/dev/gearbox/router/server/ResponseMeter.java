package dev.gearbox.router.server;

import com.google.protobuf.ByteString;
import dev.gearbox.router.request.TokenUsage;
import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.RequestShape;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.TierTarget;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the tokens a routed request really used from its tier's response, where the router can see them: a whole
 * JSON body (a request with {@code stream: false}). Streamed responses, errors and bodies it does not ask for keep
 * the decision-time estimate, and are counted by why; so is a request whose answer never reached the router. One
 * per request: its messages come one at a time, but the stream may be ended from a timer meanwhile, so each request
 * is counted once, by whoever takes its tier first.
 */
final class ResponseMeter {
  /**
   * Larger bodies are not asked for: they would cost the transport thread a longer parse. A completion of 16k
   * tokens is about 70 KB.
   */
  static final long MAX_METERED_BYTES = 256 * 1024;

  private final RouterEvents events;
  private final long maxBytes;
  private volatile CompiledPolicy policy;
  private final AtomicReference<TierTarget> pending = new AtomicReference<>(); // null: nothing (more) to count
  private volatile boolean awaitingBody;

  /**
   * @param maxBodyBytes the router's --max-body-bytes: the Envoy configs set their buffer limit to it, and a BUFFERED
   *                     body over that limit would fail the answer, so no larger body is asked for
   */
  ResponseMeter(RouterEvents events, int maxBodyBytes) {
    this.events = events;
    this.maxBytes = Math.min(MAX_METERED_BYTES, maxBodyBytes);
  }

  /** The request's outcome: metered when it went to a tier the router chose. */
  void served(RouteResult result) {
    policy = result.policy();
    pending.set(result.servedBy());
  }

  /**
   * The response headers arrived.
   *
   * @return true when the body should be sent to the router to be metered
   */
  boolean onHeaders(Map<String, String> headers, boolean endOfStream) {
    if (pending.get() == null) {
      return false;
    }
    String reason = unmeteredBecause(headers, endOfStream, maxBytes);
    if (reason != null) {
      unmetered(reason);
      return false;
    }
    awaitingBody = true;
    return true;
  }

  /** The response body asked for arrived, whole (BUFFERED; end_of_stream is false only when trailers follow). */
  void onBody(ByteString body) {
    if (!awaitingBody) {
      return;
    }
    awaitingBody = false;
    TokenUsage usage = TokenUsage.read(body.newInput()).orElse(null);
    if (usage == null) {
      unmetered("no_usage");
      return;
    }
    TierTarget tier = pending.getAndSet(null);
    if (tier != null) {
      events.used(policy, tier, usage);
    }
  }

  /** The stream ended: a routed request whose answer (or the body asked for) never came is counted too. */
  void ended() {
    unmetered(awaitingBody ? "body_not_sent" : "no_response");
  }

  /** Why the body is not worth asking for, or null when it is. */
  static String unmeteredBecause(Map<String, String> headers, boolean endOfStream, long maxBytes) {
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
    if (!RequestShape.json(type)) {
      return "not_json";
    }
    if (!RequestShape.identityEncoding(headers.get("content-encoding"))) {
      return "compressed";
    }
    if (!headers.containsKey("content-length")) {
      return "unknown_length"; // chunked: it might not fit Envoy's buffer
    }
    long length = RequestShape.declaredLength(headers.get("content-length"));
    return length >= 0 && length <= maxBytes ? null : "too_large";
  }

  private void unmetered(String reason) {
    TierTarget tier = pending.getAndSet(null);
    if (tier != null) {
      events.unmetered(policy, tier, reason);
    }
  }
}
