package dev.gearbox.router.xds;

import com.google.protobuf.CodedOutputStream;
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

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HexFormat;

/**
 * Pure: one immutable snapshot of every resource from the inputs. Each resource type's version is a hash of its
 * content, so a type whose resources did not change keeps its version: an endpoint change pushes EDS only and
 * Envoy re-warms nothing else.
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

  public Result build(XdsInputs inputs) {
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
    Snapshot snapshot = Snapshot.create(
        clusterList, versionOf(clusterList),
        endpoints, versionOf(endpoints),
        List.of(), "0",
        List.of(routes), versionOf(List.of(routes)),
        secrets, versionOf(secrets));
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
    String problem = apiKey ? SecretResources.apiKeyProblem(value) : SecretResources.caProblem(value);
    if (problem != null) {
      warnings.add("ModelTier " + tier.namespace() + "/" + tier.name() + ": " + what + " Secret key " + ref + " "
          + problem + "; not used");
      return false;
    }
    secrets.add(apiKey ? SecretResources.apiKey(tier.cluster(), value) : SecretResources.ca(tier.cluster(), value));
    return true;
  }

  /**
   * A type's version is a hash of its resources (deterministically serialized, in name order), not a counter:
   * router replicas behind one Service serve equal versions for equal content, so an Envoy reconnecting to another
   * replica with the version it has is answered when, and only when, that replica's resources differ.
   */
  static String versionOf(List<? extends Message> resources) {
    MessageDigest digest = sha256();
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      coded.useDeterministicSerialization();
      for (Message resource : resources.stream()
          .sorted(Comparator.comparing(Resources::getResourceName)).toList()) {
        coded.writeMessageNoTag(resource);
      }
      coded.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
