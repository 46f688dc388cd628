package dev.gearbox.operator.metrics;

import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TierMetricsTest {

  @Test
  void oneGaugePerTierUpdatedInPlaceAndRemovedOnTheTiersDeleteEvent() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TierMetrics metrics = new TierMetrics(registry, "modeltier");

    metrics.readyReplicas("ml", "small", 1);
    metrics.readyReplicas("ml", "small", 3);
    assertThat(registry.get(TierMetrics.READY_REPLICAS).tag("tier", "small").gauges()).singleElement()
        .satisfies(g -> assertThat(g.value()).isEqualTo(3.0));

    ResourceEvent deleted = new ResourceEvent(ResourceAction.DELETED, new ResourceID("small", "ml"), null);
    metrics.receivedEvent(deleted, Map.of(Constants.CONTROLLER_NAME, "routingpolicy"));
    assertThat(registry.find(TierMetrics.READY_REPLICAS).gauges()).hasSize(1);
    metrics.receivedEvent(deleted, Map.of(Constants.CONTROLLER_NAME, "modeltier"));
    assertThat(registry.find(TierMetrics.READY_REPLICAS).gauges()).isEmpty();
  }
}
