package dev.gearbox.router.xds;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import dev.gearbox.api.v1alpha1.TierNames;
import dev.gearbox.router.xds.XdsTier.External;
import dev.gearbox.router.xds.XdsTier.InCluster;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.RoutingPriority;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions.ExplicitHttpConfig;

import java.time.Duration;

/** Pure: the Envoy cluster of a tier. */
final class ClusterResources {
  static final String HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  private final XdsSettings settings;

  ClusterResources(XdsSettings settings) {
    this.settings = settings;
  }

  /** Every xDS subscription rides the one ADS stream. */
  static ConfigSource ads() {
    return ConfigSource.newBuilder().setAds(AggregatedConfigSource.getDefaultInstance())
        .setResourceApiVersion(ApiVersion.V3).build();
  }

  static com.google.protobuf.Duration duration(Duration d) {
    return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
  }

  /**
   * @param eds       in-cluster tiers take endpoints from EDS (cluster mode) or the Service's DNS name (file mode)
   * @param hasApiKey the tier's API key is known: its cluster injects it
   */
  Cluster cluster(XdsTier tier, boolean eds, boolean hasApiKey, boolean hasCa) {
    Cluster.Builder cluster = Cluster.newBuilder().setName(tier.cluster()).setCircuitBreakers(circuitBreakers());
    if (tier.upstream() instanceof InCluster service) {
      cluster.setConnectTimeout(duration(XdsSettings.IN_CLUSTER_CONNECT_TIMEOUT))
          .setLbPolicy(Cluster.LbPolicy.LEAST_REQUEST)
          .putTypedExtensionProtocolOptions(HTTP_PROTOCOL_OPTIONS, Any.pack(protocol(service.protocol())));
      if (eds) {
        cluster.setType(Cluster.DiscoveryType.EDS).setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder()
            .setEdsConfig(ads()).setServiceName(tier.cluster()));
      } else {
        String host = TierNames.serviceHost(tier.namespace(), tier.name(), settings.clusterDomain());
        cluster.setType(Cluster.DiscoveryType.STRICT_DNS)
            .setLoadAssignment(oneHost(tier.cluster(), host, service.port()));
      }
      return cluster.build();
    }
    External external = (External) tier.upstream();
    cluster.setType(Cluster.DiscoveryType.LOGICAL_DNS)
        .setDnsLookupFamily(Cluster.DnsLookupFamily.V4_PREFERRED)
        .setConnectTimeout(duration(XdsSettings.EXTERNAL_CONNECT_TIMEOUT))
        .setLoadAssignment(oneHost(tier.cluster(), external.host(), external.port()));
    HttpProtocolOptions.Builder options = protocol(XdsTier.Protocol.HTTP1).toBuilder();
    if (hasApiKey) {
      options.addAllHttpFilters(UpstreamCredentials.filters(XdsNames.apiKeySecret(tier.cluster())));
    }
    cluster.putTypedExtensionProtocolOptions(HTTP_PROTOCOL_OPTIONS, Any.pack(options.build()));
    if (external.tls()) {
      cluster.setTransportSocket(TransportSocket.newBuilder().setName("envoy.transport_sockets.tls")
          .setTypedConfig(Any.pack(UpstreamTls.context(external.host(), settings.caFile(),
              hasCa ? XdsNames.caSecret(tier.cluster()) : null))));
    }
    return cluster.build();
  }

  private static HttpProtocolOptions protocol(XdsTier.Protocol protocol) {
    ExplicitHttpConfig.Builder explicit = ExplicitHttpConfig.newBuilder();
    if (protocol == XdsTier.Protocol.H2C) {
      explicit.setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance());
    } else {
      explicit.setHttpProtocolOptions(Http1ProtocolOptions.getDefaultInstance());
    }
    return HttpProtocolOptions.newBuilder().setExplicitHttpConfig(explicit).build();
  }

  private static CircuitBreakers circuitBreakers() {
    return CircuitBreakers.newBuilder().addThresholds(CircuitBreakers.Thresholds.newBuilder()
        .setPriority(RoutingPriority.DEFAULT)
        .setMaxConnections(UInt32Value.of(XdsSettings.MAX_CONNECTIONS))
        .setMaxPendingRequests(UInt32Value.of(XdsSettings.MAX_PENDING_REQUESTS))
        .setMaxRequests(UInt32Value.of(XdsSettings.MAX_REQUESTS))
        .setMaxRetries(UInt32Value.of(XdsSettings.MAX_RETRIES))).build();
  }

  static ClusterLoadAssignment oneHost(String cluster, String host, int port) {
    return ClusterLoadAssignment.newBuilder().setClusterName(cluster)
        .addEndpoints(LocalityLbEndpoints.newBuilder().addLbEndpoints(LbEndpoint.newBuilder()
            .setEndpoint(Endpoint.newBuilder().setAddress(address(host, port)))))
        .build();
  }

  static Address address(String host, int port) {
    return Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress(host).setPortValue(port))
        .build();
  }
}
