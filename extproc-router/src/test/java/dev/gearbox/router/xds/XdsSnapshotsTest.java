package dev.gearbox.router.xds;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gearbox.router.xds.XdsFixtures.TIERS;
import static dev.gearbox.router.xds.XdsFixtures.clusterMode;
import static dev.gearbox.router.xds.XdsFixtures.policy;
import static dev.gearbox.router.xds.XdsFixtures.xdsTiers;
import static org.assertj.core.api.Assertions.assertThat;

class XdsSnapshotsTest {
  private static final XdsSnapshots SNAPSHOTS = new XdsSnapshots(XdsSettings.defaults());

  private static Snapshot build(XdsInputs inputs) {
    return SNAPSHOTS.build(inputs).snapshot();
  }

  private static HttpProtocolOptions protocol(Cluster cluster) throws Exception {
    return cluster.getTypedExtensionProtocolOptionsOrThrow(ClusterResources.HTTP_PROTOCOL_OPTIONS)
        .unpack(HttpProtocolOptions.class);
  }

  @Test
  void everyResourceLoadsAsEnvoyWouldCheckIt() throws Exception {
    assertThat(SnapshotRules.violations(build(clusterMode()))).isEmpty();
    XdsInputs fileMode = XdsInputs.of(xdsTiers(TIERS), null, refs -> Map.of(), policy("FailClose"));
    assertThat(SnapshotRules.violations(build(fileMode))).isEmpty();
  }

  @Test
  void inClusterTiersTakeEndpointsFromEdsWithLeastRequestAndTheirProtocol() throws Exception {
    Snapshot snapshot = build(clusterMode());
    Cluster small = snapshot.clusters().resources().get("team.small");

    assertThat(snapshot.clusters().resources().keySet()).containsExactlyInAnyOrder("team.small", "team.medium",
        "team.large");
    assertThat(small.getType()).isEqualTo(Cluster.DiscoveryType.EDS);
    assertThat(small.getEdsClusterConfig().getEdsConfig().hasAds()).isTrue();
    assertThat(small.getLbPolicy()).isEqualTo(Cluster.LbPolicy.LEAST_REQUEST);
    assertThat(small.getConnectTimeout().getSeconds()).isEqualTo(2);
    assertThat(small.getCircuitBreakers().getThresholds(0).getMaxRequests().getValue()).isEqualTo(1024);
    assertThat(protocol(small).getExplicitHttpConfig().hasHttpProtocolOptions()).as("vLLM: HTTP/1.1").isTrue();
    assertThat(protocol(snapshot.clusters().resources().get("team.medium")).getExplicitHttpConfig()
        .hasHttp2ProtocolOptions()).as("custom engine annotated h2c").isTrue();
    assertThat(snapshot.endpoints().resources().get("team.small").getEndpoints(0).getLbEndpointsList())
        .extracting(LbEndpoint::getHealthStatus).containsExactly(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY);
    assertThat(snapshot.endpoints().resources().get("team.medium").getEndpointsCount()).as("none yet").isZero();
  }

  @Test
  void fileModeReachesInClusterTiersByTheirServiceName() {
    Snapshot snapshot = build(XdsInputs.of(xdsTiers(TIERS), null, refs -> Map.of(), policy("FailOpen")));
    Cluster small = snapshot.clusters().resources().get("team.small");

    assertThat(small.getType()).isEqualTo(Cluster.DiscoveryType.STRICT_DNS);
    assertThat(small.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress()
        .getSocketAddress().getAddress()).isEqualTo("small.team.svc.cluster.local");
    assertThat(snapshot.endpoints().resources()).isEmpty();
  }

  @Test
  void anExternalTierIsVerifiedTlsWithItsKeyInjectedUpstreamFromSds() throws Exception {
    Snapshot snapshot = build(clusterMode());
    Cluster large = snapshot.clusters().resources().get("team.large");
    UpstreamTlsContext tls = large.getTransportSocket().getTypedConfig().unpack(UpstreamTlsContext.class);

    assertThat(large.getType()).isEqualTo(Cluster.DiscoveryType.LOGICAL_DNS);
    assertThat(large.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress()
        .getSocketAddress().getPortValue()).isEqualTo(443);
    assertThat(tls.getSni()).isEqualTo("api.example.com");
    assertThat(tls.getCommonTlsContext().getValidationContext().getTrustedCa().getFilename())
        .isEqualTo("/etc/ssl/certs/ca-certificates.crt");
    assertThat(tls.getCommonTlsContext().getValidationContext().getMatchTypedSubjectAltNames(0).getMatcher()
        .getExact()).isEqualTo("api.example.com");
    assertThat(protocol(large).getHttpFiltersList()).extracting(HttpFilter::getName)
        .containsExactly("envoy.filters.http.credential_injector", "envoy.filters.http.upstream_codec");
    assertThat(snapshot.secrets().resources().get("team.large.api-key").getGenericSecret().getSecret()
        .getInlineString()).isEqualTo("Bearer sk-test");
  }

  @Test
  void aMissingKeyIsAWarningAndNoInjectorAndACaSecretReplacesTheTrustStore() throws Exception {
    String yaml = TIERS.replace("name: large, namespace: team}", "name: large, namespace: team, annotations: "
        + "{gearbox.dev/ca-secret: provider-ca}}");
    XdsTier.SecretRef ca = new XdsTier.SecretRef("team", "provider-ca", "ca.crt");
    XdsSnapshots.Result result = SNAPSHOTS.build(XdsInputs.of(xdsTiers(yaml), Map.of(),
        refs -> Map.of(ca, XdsFixtures.secret("-----BEGIN CERTIFICATE-----")), policy("FailOpen")));
    Cluster large = result.snapshot().clusters().resources().get("team.large");

    assertThat(result.warnings()).singleElement().asString().contains("team/provider[api-key]", "not found")
        .doesNotContain("BEGIN");
    assertThat(protocol(large).getHttpFiltersList()).isEmpty();
    assertThat(large.getTransportSocket().getTypedConfig().unpack(UpstreamTlsContext.class).getCommonTlsContext()
        .getCombinedValidationContext().getValidationContextSdsSecretConfig().getName()).isEqualTo("team.large.ca");
    assertThat(SnapshotRules.violations(result.snapshot())).isEmpty();
  }

  @Test
  void theRouteNamesEachTierAndSendsTheRestPerTheFailureMode() {
    RouteConfiguration open = build(clusterMode()).routes().resources().get("gearbox");
    List<Route> routes = open.getVirtualHosts(0).getRoutesList();

    assertThat(routes).extracting(Route::getName).containsExactly("team.large", "team.medium", "team.small",
        "no-tier");
    assertThat(routes.get(0).getMatch().getHeaders(0).getName()).isEqualTo("x-gearbox-cluster");
    assertThat(routes.get(0).getRoute().getHostRewriteLiteral()).isEqualTo("api.example.com");
    assertThat(routes.get(0).getRequestHeadersToRemoveList()).contains("x-gearbox-cluster", "x-gearbox-decision");
    assertThat(routes.get(3).getRoute().getCluster()).as("FailOpen: the default tier").isEqualTo("team.medium");
    assertThat(routes.get(0).getRoute().getPrefixRewrite()).as("base URL /v1: the path as sent").isEmpty();
    XdsInputs groq = XdsInputs.of(
        xdsTiers(TIERS.replace("https://api.example.com/v1", "https://api.example.com/openai/v1")),
        Map.of(), refs -> Map.of(), policy("FailOpen"));
    Route based = build(groq).routes().resources().get("gearbox").getVirtualHosts(0).getRoutes(0);
    assertThat(based.getMatch().getPrefix()).isEqualTo("/v1/");
    assertThat(based.getRoute().getPrefixRewrite()).as("/v1/chat/completions -> /openai/v1/chat/completions")
        .isEqualTo("/openai/v1/");

    XdsInputs closed = XdsInputs.of(xdsTiers(TIERS), Map.of(), refs -> Map.of(), policy("FailClose"));
    Route reject = build(closed).routes().resources().get("gearbox").getVirtualHosts(0).getRoutes(3);
    assertThat(reject.getDirectResponse().getStatus()).isEqualTo(503);
    assertThat(reject.getDirectResponse().getBody().getInlineString()).contains("\"code\":\"no_tier\"");

    XdsInputs shadow = XdsInputs.of(xdsTiers(TIERS), Map.of(), refs -> Map.of(),
        policy("FailClose\nmode: Shadow"));
    assertThat(build(shadow).routes().resources().get("gearbox").getVirtualHosts(0).getRoutes(3).getRoute()
        .getCluster()).as("Shadow changes no route, FailClose or not").isEqualTo("team.medium");
  }

  @Test
  void aTypeThatDidNotChangeKeepsItsVersionAndEqualContentHasEqualVersions() {
    Snapshot first = build(clusterMode());
    XdsInputs moved = XdsInputs.of(xdsTiers(TIERS),
        Map.of("team.small", List.of(new TierEndpoint("10.0.0.1", 8000, TierEndpoint.Health.UNHEALTHY))),
        refs -> Map.of(XdsFixtures.KEY, XdsFixtures.secret("sk-test")), policy("FailOpen"));
    Snapshot second = build(moved);

    assertThat(second.version(ResourceType.ENDPOINT)).isNotEqualTo(first.version(ResourceType.ENDPOINT));
    assertThat(second.version(ResourceType.CLUSTER)).isEqualTo(first.version(ResourceType.CLUSTER));
    assertThat(second.version(ResourceType.ROUTE)).isEqualTo(first.version(ResourceType.ROUTE));
    assertThat(second.version(ResourceType.SECRET)).isEqualTo(first.version(ResourceType.SECRET));
    assertThat(XdsSnapshots.sameVersions(build(clusterMode()), first))
        .as("another build (another router replica) of the same content: the same versions").isTrue();
    assertThat(XdsSnapshots.sameVersions(second, first)).isFalse();
  }

  @Test
  void aKeyThatCannotBeAHeaderValueIsNotUsedAndNeverShown() {
    XdsInputs inputs = XdsInputs.of(xdsTiers(TIERS), Map.of(),
        refs -> Map.of(XdsFixtures.KEY, XdsFixtures.secret("sk-one\nX-Injected: sk-two")), policy("FailOpen"));
    XdsSnapshots.Result result = SNAPSHOTS.build(inputs);

    assertThat(result.snapshot().secrets().resources()).isEmpty();
    assertThat(result.warnings()).singleElement().asString().contains("team/provider[api-key]", "control characters")
        .doesNotContain("sk-one", "sk-two");
  }
}
