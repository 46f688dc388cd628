package dev.gearbox.router.server;

import java.time.Duration;

/**
 * What one ext_proc stream, and all of them together, may take.
 *
 * @param maxHeaderBytes   request headers larger than this (names and values) are refused (headers_too_large);
 *                         Envoy's own limit is 60 KiB by default
 * @param maxBufferedBytes the {@link ByteBudget}: headers waiting for a body, bodies queued for the workers and
 *                         answers not read yet, over all streams
 * @param streamTimeout    a stream open longer is ended with DEADLINE_EXCEEDED; longer than Envoy keeps a stream
 *                         (its message_timeout per message, the route timeout for the whole request)
 * @param stalledAfter     a decision waiting longer turns readiness false
 */
public record StreamLimits(int maxHeaderBytes, long maxBufferedBytes, Duration streamTimeout,
    Duration stalledAfter) {
  public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
  public static final long DEFAULT_MAX_BUFFERED_BYTES = 256L * 1024 * 1024;
  public static final long DEFAULT_STREAM_TIMEOUT_SECONDS = 330;
  public static final long DEFAULT_STALLED_AFTER_SECONDS = 10;

  public static StreamLimits defaults() {
    return new StreamLimits(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BUFFERED_BYTES,
        Duration.ofSeconds(DEFAULT_STREAM_TIMEOUT_SECONDS), Duration.ofSeconds(DEFAULT_STALLED_AFTER_SECONDS));
  }
}
