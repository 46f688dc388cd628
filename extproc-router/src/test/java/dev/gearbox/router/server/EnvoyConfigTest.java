package dev.gearbox.router.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.extensions.access_loggers.stream.v3.StdoutAccessLog;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.extensions.filters.http.header_mutation.v3.HeaderMutation;
import io.envoyproxy.envoy.extensions.filters.http.health_check.v3.HealthCheck;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig;
import io.envoyproxy.envoy.extensions.resource_monitors.fixed_heap.v3.FixedHeapConfig;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No Envoy binary here: the config is parsed into Envoy's own protos, so a misspelt field fails the build. */
public class EnvoyConfigTest {
  static final Path EXAMPLE = Path.of("..", "examples", "envoy", "envoy.yaml");

  private static final TypeRegistry TYPES = TypeRegistry.newBuilder()
      .add(HttpConnectionManager.getDescriptor())
      .add(ExternalProcessor.getDescriptor())
      .add(Router.getDescriptor())
      .add(HttpProtocolOptions.getDescriptor())
      .add(HeaderMutation.getDescriptor()) // drops a client's own x-gearbox-cluster
      .add(HealthCheck.getDescriptor()) // the chart's config: the /ready listener
      .add(FixedHeapConfig.getDescriptor()) // the overload manager's monitors
      .add(DownstreamConnectionsConfig.getDescriptor())
      .add(StdoutAccessLog.getDescriptor()) // the chart's access log
      .build();
  static final List<String> ROUTER_HEADERS = List.of("x-gearbox-cluster", "x-gearbox-tier", "x-gearbox-decision",
      "x-gearbox-shadow-tier");

  /** Parses Envoy bootstrap YAML strictly (unknown fields are errors). */
  public static Bootstrap parse(String yaml) throws Exception {
    JsonNode tree = new YAMLMapper().readTree(yaml);
    Bootstrap.Builder bootstrap = Bootstrap.newBuilder();
    JsonFormat.parser().usingTypeRegistry(TYPES).merge(tree.toString(), bootstrap);
    return bootstrap.build();
  }

  /**
   * Only the router may name the cluster or a decision: the client's own x-gearbox-* headers are removed before
   * ext_proc runs, or a request the router passes through unrouted (GET, unmatched model, FailOpen) could pick any
   * cluster (issue 18 #8: x-gearbox-tier and x-gearbox-decision were let through).
   */
  public static void assertClientCannotChooseTheCluster(HttpConnectionManager hcm) throws Exception {
    assertThat(hcm.getHttpFiltersList()).extracting(HttpFilter::getName).containsExactly(
        "envoy.filters.http.header_mutation", "envoy.filters.http.ext_proc", "envoy.filters.http.router");
    HeaderMutation strip = hcm.getHttpFilters(0).getTypedConfig().unpack(HeaderMutation.class);
    assertThat(strip.getMutations().getRequestMutationsList()).extracting(m -> m.getRemove())
        .containsExactlyElementsOf(ROUTER_HEADERS);
  }

  /**
   * Issue 18 #8 and #9: headers and paths are bounded and normalised before the router sees them, and Envoy sheds
   * load under memory pressure. (That the router's headers never reach a provider is the route's job, from xDS:
   * XdsSnapshotsTest.)
   */
  public static void assertClientsAreBounded(Bootstrap bootstrap, HttpConnectionManager hcm) {
    assertThat(hcm.getMaxRequestHeadersKb().getValue()).isEqualTo(60);
    assertThat(hcm.getCommonHttpProtocolOptions().getMaxHeadersCount().getValue()).isEqualTo(100);
    assertThat(hcm.getRequestHeadersTimeout().getSeconds()).isEqualTo(10);
    assertThat(hcm.getHttp2ProtocolOptions().getMaxConcurrentStreams().getValue()).isEqualTo(100);
    assertThat(hcm.getNormalizePath().getValue()).isTrue();
    assertThat(hcm.getMergeSlashes()).isTrue();
    assertThat(hcm.getPathWithEscapedSlashesAction().name()).isEqualTo("UNESCAPE_AND_REDIRECT");
    assertThat(bootstrap.getOverloadManager().getResourceMonitorsList()).extracting(m -> m.getName())
        .containsExactly("envoy.resource_monitors.fixed_heap", "envoy.resource_monitors.global_downstream_max_connections");
    assertThat(bootstrap.getOverloadManager().getActionsList()).extracting(a -> a.getName())
        .contains("envoy.overload_actions.stop_accepting_requests");
  }

  /**
   * Issue 14: the bootstrap is the static minimum. Routes come over RDS ({@code gearbox}), clusters over CDS, both
   * on the one ADS stream to the xDS cluster; the only static clusters are the router's ext_proc and xDS ports.
   * (External tiers' TLS and keys are in the xDS resources: XdsSnapshotsTest.)
   */
  public static void assertTheTiersComeFromGearbox(Bootstrap bootstrap, HttpConnectionManager hcm) throws Exception {
    assertThat(hcm.getRds().getRouteConfigName()).isEqualTo("gearbox");
    assertThat(hcm.getRds().getConfigSource().hasAds()).isTrue();
    assertThat(hcm.hasRouteConfig()).isFalse();
    var ads = bootstrap.getDynamicResources().getAdsConfig();
    assertThat(ads.getApiType().name()).isIn("GRPC", "DELTA_GRPC");
    assertThat(ads.getTransportApiVersion().name()).isEqualTo("V3");
    assertThat(ads.getGrpcServices(0).getEnvoyGrpc().getClusterName()).isEqualTo("gearbox-xds");
    assertThat(bootstrap.getDynamicResources().getCdsConfig().hasAds()).isTrue();
    assertThat(bootstrap.getDynamicResources().hasLdsConfig()).as("the listener stays static").isFalse();
    assertThat(bootstrap.getNode().getCluster()).isNotEmpty();
    // The chart adds one: its own admin on localhost, for /stats/prometheus only.
    assertThat(bootstrap.getStaticResources().getClustersList()).extracting(Cluster::getName)
        .containsSubsequence("gearbox-router", "gearbox-xds").isSubsetOf("gearbox-router", "envoy-admin", "gearbox-xds");
    for (Cluster cluster : bootstrap.getStaticResources().getClustersList().stream()
        .filter(c -> c.getName().startsWith("gearbox-")).toList()) {
      assertThat(cluster.getTypedExtensionProtocolOptionsOrThrow("envoy.extensions.upstreams.http.v3.HttpProtocolOptions")
          .unpack(HttpProtocolOptions.class).getExplicitHttpConfig().hasHttp2ProtocolOptions())
          .as(cluster.getName() + " speaks gRPC").isTrue();
    }
    assertThat(bootstrap.getStaticResources().getClustersList().stream().filter(c -> c.getName().equals("gearbox-xds"))
        .findFirst().orElseThrow().getLoadAssignment().getEndpoints(0).getLbEndpoints(0)
        .getEndpoint().getAddress().getSocketAddress().getPortValue()).isEqualTo(18000);
  }

  /**
   * Issue 17: the router reads real token usage from a whole JSON response. Envoy sends it the response headers,
   * and the router asks for the body of those worth metering with mode_override, which Envoy honours only when
   * allowed and only in answer to headers.
   */
  public static void assertResponsesCanBeMetered(ExternalProcessor extProc) {
    assertThat(extProc.getProcessingMode().getResponseHeaderMode()).isEqualTo(ProcessingMode.HeaderSendMode.SEND);
    assertThat(extProc.getProcessingMode().getResponseBodyMode()).as("asked for per response")
        .isEqualTo(ProcessingMode.BodySendMode.NONE);
    assertThat(extProc.getAllowModeOverride()).isTrue();
    assertThat(extProc.getSendBodyWithoutWaitingForHeaderResponse()).as("it would disable mode_override").isFalse();
  }

  @Test
  void theExampleIsAValidBootstrapThatTakesTheTiersFromGearbox() throws Exception {
    Bootstrap bootstrap = parse(Files.readString(EXAMPLE));

    HttpConnectionManager hcm = bootstrap.getStaticResources().getListeners(0).getFilterChains(0).getFilters(0)
        .getTypedConfig().unpack(HttpConnectionManager.class);
    assertClientCannotChooseTheCluster(hcm);
    assertClientsAreBounded(bootstrap, hcm);
    assertTheTiersComeFromGearbox(bootstrap, hcm);
    ExternalProcessor extProc = hcm.getHttpFilters(1).getTypedConfig().unpack(ExternalProcessor.class);
    assertThat(extProc.getProcessingMode().getRequestHeaderMode()).isEqualTo(ProcessingMode.HeaderSendMode.SEND);
    assertThat(extProc.getProcessingMode().getRequestBodyMode()).isEqualTo(ProcessingMode.BodySendMode.BUFFERED);
    assertThat(extProc.getFailureModeAllow()).as("quickstart policy is FailOpen").isTrue();
    assertResponsesCanBeMetered(extProc);
    assertThat(extProc.getGrpcService().getEnvoyGrpc().getClusterName()).isEqualTo("gearbox-router");
    assertThat(bootstrap.getStaticResources().getClusters(0).getLoadAssignment().getEndpoints(0).getLbEndpoints(0)
        .getEndpoint().getAddress().getSocketAddress().getAddress())
        .as("the router's Service as the README installs it")
        .isEqualTo("gearbox-router.gearbox-system.svc.cluster.local");
  }

  @Test
  void aMisspeltFieldFails() {
    assertThatThrownBy(() -> parse(Files.readString(EXAMPLE).replace("failure_mode_allow", "failure_mode_alow")))
        .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("failure_mode_alow");
  }
}
