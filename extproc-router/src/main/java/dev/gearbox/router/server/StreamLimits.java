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

  public static StreamLimits defaults() {
    return new StreamLimits(64 * 1024, 256L * 1024 * 1024, Duration.ofSeconds(330), Duration.ofSeconds(10));
  }
}
