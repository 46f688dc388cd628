package dev.gearbox.operator.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code gearbox_tier_ready_replicas{namespace, tier}}: ready model-server replicas per tier, as last reconciled.
 * Also an SDK {@link Metrics} listener, so a tier's series goes away when the tier is deleted (the SDK reports the
 * delete event; no finalizer is needed for it).
 */
public final class TierMetrics implements Metrics {
  public static final String READY_REPLICAS = "gearbox.tier.ready.replicas";

  private final MeterRegistry registry;
  private final String controllerName;
  private final Map<ResourceID, Tracked> tiers = new ConcurrentHashMap<>();

  private record Tracked(AtomicInteger value, Gauge gauge) {
  }

  /** @param controllerName the ModelTier controller's name, to tell its delete events from other controllers' */
  public TierMetrics(MeterRegistry registry, String controllerName) {
    this.registry = registry;
    this.controllerName = controllerName;
  }

  public void readyReplicas(String namespace, String tier, int ready) {
    ResourceID id = new ResourceID(tier, namespace);
    tiers.computeIfAbsent(id, key -> {
      AtomicInteger value = new AtomicInteger();
      Gauge gauge = Gauge.builder(READY_REPLICAS, value, AtomicInteger::get)
          .description("Ready model-server replicas of a ModelTier (external tiers: 1 when usable, else 0)")
          .tag("namespace", namespace).tag("tier", tier)
          .register(registry);
      return new Tracked(value, gauge);
    }).value().set(ready);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    if (event instanceof ResourceEvent resourceEvent && resourceEvent.getAction() == ResourceAction.DELETED
        && controllerName.equals(metadata.get(Constants.CONTROLLER_NAME))) {
      forget(resourceEvent.getRelatedCustomResourceID());
    }
  }

  void forget(ResourceID id) {
    Tracked tracked = tiers.remove(id);
    if (tracked != null) {
      registry.remove(tracked.gauge());
    }
  }
}
