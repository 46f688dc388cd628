package dev.gearbox.router.xds;

import com.google.protobuf.Message;
import dev.gearbox.router.xds.XdsTier.External;
import dev.gearbox.router.xds.XdsTier.InCluster;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pure: one immutable snapshot of every resource from the inputs. A resource type whose resources did not change
 * keeps its previous version, so an endpoint change pushes EDS only and Envoy re-warms nothing else.
 */
public final class XdsSnapshots {
  private final XdsSettings settings;
  private final ClusterResources clusters;

  public XdsSnapshots(XdsSettings settings) {
    this.settings = settings;
    this.clusters = new ClusterResources(settings);
  }

  /** The snapshot and what a person should know about it (a named Secret not found). */
  public record Result(Snapshot snapshot, List<String> warnings) {
  }

  /** @param previous the snapshot served now, or null; @param version the version of changed resource types */
  public Result build(XdsInputs inputs, Snapshot previous, long version) {
    List<XdsTier> tiers = inputs.tiers().stream().sorted(Comparator.comparing(XdsTier::cluster)).toList();
    List<Cluster> clusterList = new ArrayList<>();
    List<ClusterLoadAssignment> endpoints = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (XdsTier tier : tiers) {
      boolean hasKey = false;
      boolean hasCa = false;
      if (tier.upstream() instanceof External external) {
        hasKey = addSecret(tier, external.apiKey(), inputs, secrets, warnings, "API key", true);
        hasCa = addSecret(tier, external.caSecret(), inputs, secrets, warnings, "CA", false);
      }
      clusterList.add(clusters.cluster(tier, inputs.usesEds(), hasKey, hasCa));
      if (inputs.usesEds() && tier.upstream() instanceof InCluster) {
        endpoints.add(EndpointResources.assignment(tier.cluster(),
            inputs.endpoints().getOrDefault(tier.cluster(), List.of())));
      }
    }
    RouteConfiguration routes = RouteResources.configuration(tiers, inputs.fallback(), settings.routeTimeout());
    String v = Long.toString(version);
    Snapshot snapshot = Snapshot.create(
        clusterList, versionOf(previous, ResourceType.CLUSTER, clusterList, v),
        endpoints, versionOf(previous, ResourceType.ENDPOINT, endpoints, v),
        List.of(), "0",
        List.of(routes), versionOf(previous, ResourceType.ROUTE, List.of(routes), v),
        secrets, versionOf(previous, ResourceType.SECRET, secrets, v));
    return new Result(snapshot, List.copyOf(warnings));
  }

  /** True when no resource type's version differs: nothing to push. */
  public static boolean sameVersions(Snapshot a, Snapshot b) {
    if (a == null || b == null) {
      return a == b;
    }
    for (ResourceType type : List.of(ResourceType.CLUSTER, ResourceType.ENDPOINT, ResourceType.ROUTE,
        ResourceType.SECRET)) {
      if (!a.version(type).equals(b.version(type))) {
        return false;
      }
    }
    return true;
  }

  private static boolean addSecret(XdsTier tier, XdsTier.SecretRef ref, XdsInputs inputs, List<Secret> secrets,
      List<String> warnings, String what, boolean apiKey) {
    if (ref == null) {
      return false;
    }
    SecretValue value = inputs.secrets().get(ref);
    if (value == null) {
      warnings.add("ModelTier " + tier.namespace() + "/" + tier.name() + ": " + what + " Secret key " + ref
          + " not found; " + (apiKey ? "requests to it go without an API key" : "its certificate is checked "
          + "against the system trust store") + " until it exists");
      return false;
    }
    secrets.add(apiKey ? SecretResources.apiKey(tier.cluster(), value) : SecretResources.ca(tier.cluster(), value));
    return true;
  }

  private static String versionOf(Snapshot previous, ResourceType type, List<? extends Message> resources,
      String version) {
    if (previous == null) {
      return version;
    }
    Map<String, ? extends Message> before = previous.resources(type);
    boolean same = before.size() == resources.size()
        && resources.stream().allMatch(r -> Objects.equals(before.get(Resources.getResourceName(r)), r));
    return same ? previous.version(type) : version;
  }

}
