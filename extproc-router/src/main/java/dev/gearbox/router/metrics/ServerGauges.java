package dev.gearbox.router.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** The serving process's gauges: what the router holds against its limits, and whether its policies are stale. */
public final class ServerGauges {
  private ServerGauges() {
  }

  /** What {@code serve} reads its gauges from. */
  public record Sources(BooleanSupplier ready, BooleanSupplier policiesStale, LongSupplier sessionStoreBytes, LongSupplier openStreams,
      LongSupplier bufferedBytes, LongSupplier expiredStreams) {
  }

  public static void register(MeterRegistry registry, Sources sources) {
    Gauge.builder("gearbox.router.ready", sources, s -> s.ready().getAsBoolean() ? 1 : 0)
        .description("1 while /readyz answers 200: a policy loaded, not draining, no decision stalled")
        .register(registry);
    Gauge.builder("gearbox.policies.stale", sources, s -> s.policiesStale().getAsBoolean() ? 1 : 0)
        .description("1 while no policy is defined and the last good ones still answer").register(registry);
    Gauge.builder("gearbox.session.store.bytes", sources, s -> s.sessionStoreBytes().getAsLong())
        .description("Bytes the sticky-session stores hold, within --session-store-bytes").register(registry);
    Gauge.builder("gearbox.streams.open", sources, s -> s.openStreams().getAsLong())
        .description("Open ext_proc streams (one per request Envoy asks about)").register(registry);
    Gauge.builder("gearbox.buffered.bytes", sources, s -> s.bufferedBytes().getAsLong())
        .description("Bytes held for streams, within --max-buffered-bytes").register(registry);
    FunctionCounter.builder("gearbox.streams.expired", sources, s -> s.expiredStreams().getAsLong())
        .description("ext_proc streams ended by --stream-timeout-seconds").register(registry);
  }
}
