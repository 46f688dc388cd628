package dev.gearbox.router.xds;

import dev.gearbox.router.xds.TierEndpoint.Health;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pure: a tier Service's EndpointSlices to endpoints, and endpoints to an EDS resource. */
public final class EndpointResources {
  private EndpointResources() {
  }

  /**
   * The endpoints of the slices on the tier's serving port (the slice port of that number, or the only one).
   * Ready endpoints are healthy; serving but terminating ones drain; the rest are kept, unhealthy, so Envoy's
   * view matches the cluster's.
   */
  public static List<TierEndpoint> fromSlices(List<EndpointSlice> slices, int servicePort) {
    // While the controller moves an endpoint between slices it can be in two; Envoy gets it once, at its best.
    Map<String, TierEndpoint> endpoints = new HashMap<>();
    for (EndpointSlice slice : slices) {
      Integer port = port(slice, servicePort);
      if (port == null || slice.getEndpoints() == null) {
        continue;
      }
      for (var endpoint : slice.getEndpoints()) {
        Health health = health(endpoint.getConditions());
        for (String address : endpoint.getAddresses() == null ? List.<String>of() : endpoint.getAddresses()) {
          endpoints.merge(address + ":" + port, new TierEndpoint(address, port, health),
              (a, b) -> a.health().ordinal() <= b.health().ordinal() ? a : b);
        }
      }
    }
    return endpoints.values().stream()
        .sorted(Comparator.comparing(TierEndpoint::address).thenComparingInt(TierEndpoint::port)).toList();
  }

  private static Integer port(EndpointSlice slice, int servicePort) {
    List<EndpointPort> ports = slice.getPorts() == null ? List.of() : slice.getPorts();
    for (EndpointPort port : ports) {
      if (port.getPort() != null && port.getPort() == servicePort) {
        return port.getPort();
      }
    }
    return ports.size() == 1 ? ports.get(0).getPort() : null;
  }

  /** Unset conditions count as ready, as the EndpointSlice API says consumers should read them. */
  private static Health health(EndpointConditions conditions) {
    if (conditions == null || !Boolean.FALSE.equals(conditions.getReady())) {
      return Health.HEALTHY;
    }
    if (Boolean.TRUE.equals(conditions.getServing()) && Boolean.TRUE.equals(conditions.getTerminating())) {
      return Health.DRAINING;
    }
    return Health.UNHEALTHY;
  }

  static ClusterLoadAssignment assignment(String cluster, List<TierEndpoint> endpoints) {
    LocalityLbEndpoints.Builder locality = LocalityLbEndpoints.newBuilder();
    for (TierEndpoint endpoint : endpoints) {
      locality.addLbEndpoints(LbEndpoint.newBuilder()
          .setEndpoint(Endpoint.newBuilder().setAddress(ClusterResources.address(endpoint.address(), endpoint.port())))
          .setHealthStatus(switch (endpoint.health()) {
            case HEALTHY -> HealthStatus.HEALTHY;
            case UNHEALTHY -> HealthStatus.UNHEALTHY;
            case DRAINING -> HealthStatus.DRAINING;
          }));
    }
    ClusterLoadAssignment.Builder assignment = ClusterLoadAssignment.newBuilder().setClusterName(cluster);
    if (!endpoints.isEmpty()) {
      assignment.addEndpoints(locality);
    }
    return assignment.build();
  }
}
