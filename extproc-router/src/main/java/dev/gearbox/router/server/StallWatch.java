package dev.gearbox.router.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decisions in progress and since when, so readiness can say whether the decision path still answers: a body that
 * has waited longer than {@code stalledAfter} for its answer (a hung transport thread, workers that stopped) turns
 * the router unready, and load balancers and Envoy's health checks move traffic to a replica that answers.
 */
final class StallWatch {
  private final Map<Object, Long> startedAt = new ConcurrentHashMap<>();
  private final long stalledAfterNanos;
  private final LongSupplier nanoTime;

  StallWatch(Duration stalledAfter) {
    this(stalledAfter, System::nanoTime);
  }

  /** @param nanoTime the clock; tests pass one they move by hand */
  StallWatch(Duration stalledAfter, LongSupplier nanoTime) {
    this.stalledAfterNanos = stalledAfter.toNanos();
    this.nanoTime = nanoTime;
  }

  void started(Object decision) {
    startedAt.put(decision, nanoTime.getAsLong());
  }

  void ended(Object decision) {
    startedAt.remove(decision);
  }

  /** Whether some decision has waited longer than the threshold. */
  boolean stalled() {
    long now = nanoTime.getAsLong();
    for (long start : startedAt.values()) {
      if (now - start > stalledAfterNanos) {
        return true;
      }
    }
    return false;
  }
}
