package dev.gearbox.operator.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HELP text for the Java Operator SDK's meters, which it registers without descriptions, so every line of /metrics
 * says what it counts. The first matching name prefix wins.
 */
public final class MeterDescriptions implements MeterFilter {
  private static final Map<String, String> BY_PREFIX = new LinkedHashMap<>();

  static {
    BY_PREFIX.put("operator.sdk.events.received", "Events the SDK received for a controller's resources");
    BY_PREFIX.put("operator.sdk.events.delete", "Delete events the SDK received");
    BY_PREFIX.put("operator.sdk.reconciliations.started", "Reconciliations started (retries included)");
    BY_PREFIX.put("operator.sdk.reconciliations.success", "Reconciliations that succeeded");
    BY_PREFIX.put("operator.sdk.reconciliations.failed", "Reconciliations that failed (each attempt)");
    BY_PREFIX.put("operator.sdk.reconciliations.retries", "Reconciliation retries");
    BY_PREFIX.put("operator.sdk.reconciliations.executions", "Reconciliations of a controller running now");
    BY_PREFIX.put("operator.sdk.reconciliations.queue.size", "Resources of a controller waiting to be reconciled");
    BY_PREFIX.put("operator.sdk.controllers.execution", "Time a controller's reconcile or cleanup took");
    BY_PREFIX.put("operator.sdk.", "Java Operator SDK");
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    if (id.getDescription() != null && !id.getDescription().isBlank()) {
      return id;
    }
    for (Map.Entry<String, String> entry : BY_PREFIX.entrySet()) {
      if (id.getName().startsWith(entry.getKey())) {
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), entry.getValue(),
            id.getType());
      }
    }
    return id;
  }
}
