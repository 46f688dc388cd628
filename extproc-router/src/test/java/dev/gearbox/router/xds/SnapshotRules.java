package dev.gearbox.router.xds;

import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.filters.http.credential_injector.v3.CredentialInjector;
import io.envoyproxy.envoy.extensions.http.injected_credentials.generic.v3.Generic;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What Envoy checks across a snapshot when it loads it, beside each resource's field rules: a cluster's discovery
 * type has what it needs, every name a resource refers to (a route's cluster, an EDS service, an SDS secret) is
 * served, and the route configuration the bootstrap asks for is there.
 */
final class SnapshotRules {
  private SnapshotRules() {
  }

  static List<String> violations(Snapshot snapshot) throws Exception {
    List<String> found = new ArrayList<>();
    List<Message> all = new ArrayList<>();
    all.addAll(snapshot.clusters().resources().values());
    all.addAll(snapshot.endpoints().resources().values());
    all.addAll(snapshot.routes().resources().values());
    all.addAll(snapshot.secrets().resources().values());
    all.forEach(resource -> found.addAll(EnvoyRules.violations(resource)));
    Set<String> clusters = snapshot.clusters().resources().keySet();
    Set<String> secrets = snapshot.secrets().resources().keySet();
    for (Cluster cluster : snapshot.clusters().resources().values()) {
      switch (cluster.getType()) {
        case EDS -> {
          if (!snapshot.endpoints().resources().containsKey(cluster.getEdsClusterConfig().getServiceName())) {
            found.add(cluster.getName() + ": EDS service " + cluster.getEdsClusterConfig().getServiceName()
                + " not served");
          }
        }
        case LOGICAL_DNS -> {
          if (cluster.getLoadAssignment().getEndpointsCount() != 1
              || cluster.getLoadAssignment().getEndpoints(0).getLbEndpointsCount() != 1) {
            found.add(cluster.getName() + ": LOGICAL_DNS needs exactly one host");
          }
        }
        case STRICT_DNS -> {
          if (cluster.getLoadAssignment().getEndpointsCount() == 0) {
            found.add(cluster.getName() + ": STRICT_DNS without hosts");
          }
        }
        default -> found.add(cluster.getName() + ": unexpected type " + cluster.getType());
      }
      for (String secret : secretsNamed(cluster)) {
        if (!secrets.contains(secret)) {
          found.add(cluster.getName() + ": SDS secret " + secret + " not served");
        }
      }
    }
    if (!snapshot.routes().resources().containsKey(XdsNames.ROUTE_CONFIGURATION)) {
      found.add("no route configuration " + XdsNames.ROUTE_CONFIGURATION);
    }
    snapshot.routes().resources().values().forEach(rc -> rc.getVirtualHostsList().forEach(vh -> {
      for (Route route : vh.getRoutesList()) {
        if (route.hasRoute() && !clusters.contains(route.getRoute().getCluster())) {
          found.add("route " + route.getName() + " names cluster " + route.getRoute().getCluster()
              + ", which is not served");
        }
      }
    }));
    return found;
  }

  private static List<String> secretsNamed(Cluster cluster) throws Exception {
    List<String> names = new ArrayList<>();
    var options = cluster.getTypedExtensionProtocolOptionsMap().get(ClusterResources.HTTP_PROTOCOL_OPTIONS);
    if (options != null) {
      for (var filter : options.unpack(HttpProtocolOptions.class).getHttpFiltersList()) {
        if (filter.getTypedConfig().is(CredentialInjector.class)) {
          names.add(filter.getTypedConfig().unpack(CredentialInjector.class).getCredential().getTypedConfig()
              .unpack(Generic.class).getCredential().getName());
        }
      }
    }
    return names;
  }
}
