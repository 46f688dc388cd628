package dev.gearbox.router.xds;

import dev.gearbox.router.xds.TierEndpoint.Health;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointResourcesTest {
  private static EndpointSlice slice(int port, String address, Boolean ready, Boolean serving, Boolean terminating) {
    return new EndpointSliceBuilder().withAddressType("IPv4")
        .addNewPort().withName("http").withPort(port).endPort()
        .addNewEndpoint().withAddresses(address).withNewConditions().withReady(ready).withServing(serving)
        .withTerminating(terminating).endConditions().endEndpoint().build();
  }

  @Test
  void readyIsHealthyTerminatingButServingDrainsTheRestIsUnhealthy() {
    List<TierEndpoint> endpoints = EndpointResources.fromSlices(List.of(
        slice(8000, "10.0.0.1", true, true, false),
        slice(8000, "10.0.0.2", false, true, true),
        slice(8000, "10.0.0.3", false, false, false),
        slice(8000, "10.0.0.4", null, null, null)), 8000);

    assertThat(endpoints).extracting(TierEndpoint::health)
        .containsExactly(Health.HEALTHY, Health.DRAINING, Health.UNHEALTHY, Health.HEALTHY);
  }

  @Test
  void anEndpointInTwoSlicesIsSentOnceAtItsBestAndOtherPortsAreIgnored() {
    List<TierEndpoint> endpoints = EndpointResources.fromSlices(List.of(
        slice(8000, "10.0.0.1", false, false, false),
        slice(8000, "10.0.0.1", true, true, false),
        new EndpointSliceBuilder(slice(9000, "10.0.0.9", true, true, false)).addNewPort().withName("metrics")
            .withPort(9100).endPort().build()), 8000);

    assertThat(endpoints).containsExactly(new TierEndpoint("10.0.0.1", 8000, Health.HEALTHY));
  }
}
