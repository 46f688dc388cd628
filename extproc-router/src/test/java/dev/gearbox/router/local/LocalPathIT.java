package dev.gearbox.router.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Struct;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.router.Fixtures;
import dev.gearbox.router.cli.Wiring;
import dev.gearbox.router.policy.PolicyFiles;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.simulator.SimulatorServer;
import dev.gearbox.router.simulator.SimulatorSettings;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.extensions.access_loggers.stream.v3.StdoutAccessLog;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.header_mutation.v3.HeaderMutation;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's local path without an Envoy binary: examples/local/envoy.yaml parses into Envoy's protos, has a
 * cluster for every tier on the port its simulator listens on, and a request routed with examples/local/policy
 * reaches a simulator that accepts the rewritten body.
 */
class LocalPathIT {
  private static final Path LOCAL = Path.of("..", "examples", "local");
  private static final TypeRegistry TYPES = TypeRegistry.newBuilder()
      .add(HttpConnectionManager.getDescriptor()).add(ExternalProcessor.getDescriptor()).add(Router.getDescriptor())
      .add(HeaderMutation.getDescriptor()).add(HttpProtocolOptions.getDescriptor())
      .add(StdoutAccessLog.getDescriptor())
      .build();

  private static Bootstrap envoy() throws Exception {
    JsonNode tree = new YAMLMapper().readTree(Files.readString(LOCAL.resolve("envoy.yaml")));
    Bootstrap.Builder bootstrap = Bootstrap.newBuilder();
    JsonFormat.parser().usingTypeRegistry(TYPES).merge(tree.toString(), bootstrap);
    return bootstrap.build();
  }

  private static int port(Cluster cluster) {
    return cluster.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress()
        .getSocketAddress().getPortValue();
  }

  @Test
  void everyTierHasAClusterOnItsSimulatorsPort() throws Exception {
    Map<String, Integer> clusters = envoy().getStaticResources().getClustersList().stream()
        .collect(Collectors.toMap(Cluster::getName, LocalPathIT::port));
    ResourceFiles.Loaded loaded = new ResourceFiles("default").load(LOCAL.resolve("policy"));

    assertThat(loaded.errors()).isEmpty();
    assertThat(loaded.tiers()).hasSize(3);
    for (ModelTier tier : loaded.tiers()) {
      assertThat(clusters).containsEntry("default." + tier.getMetadata().getName(),
          URI.create(tier.getSpec().endpoint().url()).getPort());
    }
    assertThat(clusters).containsEntry("gearbox-router", 50051);
  }

  @Test
  void theAccessLogHasTierClusterStatusAndDurationButNoBody() throws Exception {
    HttpConnectionManager hcm = envoy().getStaticResources().getListeners(0).getFilterChains(0).getFilters(0)
        .getTypedConfig().unpack(HttpConnectionManager.class);
    Struct format = hcm.getAccessLog(0).getTypedConfig().unpack(StdoutAccessLog.class).getLogFormat().getJsonFormat();

    assertThat(format.getFieldsMap()).containsKeys("tier", "cluster", "status", "duration_ms");
    assertThat(format.getFieldsMap().values()).allSatisfy(v -> assertThat(v.getStringValue())
        .doesNotContain("BODY").doesNotContainIgnoringCase("authorization"));
  }

  @Test
  void aRoutedRequestIsAnsweredByTheSimulatorOfItsTier() throws Exception {
    SnapshotHolder snapshots = new SnapshotHolder(() -> { });
    snapshots.apply(new PolicyFiles(LOCAL.resolve("policy"), "default", Wiring.classifiers(), new SessionStores())
        .load(snapshots.get()));
    RequestRouter router = new RequestRouter(snapshots, RouterSettings.defaults(), RouterEvents.NONE);
    Map<String, String> headers = Map.of(":method", "POST", ":path", "/v1/chat/completions", ":authority", "localhost",
        "content-type", "application/json");
    byte[] body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of Canada?\"}]}"
        .getBytes(StandardCharsets.UTF_8);

    RouteResult result = router.onHeaders(headers).orElseGet(() -> router.onBody(headers, body));
    String tier = result.setHeaders().get("x-gearbox-tier");
    assertThat(result.setHeaders()).containsEntry("x-gearbox-cluster", "default." + tier);

    try (SimulatorServer simulator = new SimulatorServer(new SimulatorSettings("127.0.0.1", 0, tier, null,
        Duration.ZERO, Duration.ZERO, 0, 1, 1))) {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + simulator.port() + "/v1/chat/completions"))
          .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.as(RouteResult.Routed.class, result).body())).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(answer.body()).path("model").asText()).isEqualTo(tier);
    }
  }
}
