package dev.gearbox.router.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.gearbox.router.server.EnvoyConfigTest;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The router and Envoy parts of charts/gearbox through real Helm; Envoy's rendered config through Envoy's protos. */
class RouterChartTest {
  private static final Path CHART = Path.of("..", "charts", "gearbox");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String ROUTER = "gb-gearbox-router";
  private static final String ENVOY = "gb-gearbox-envoy";

  /** helm template with these --set values (and values files), split into typed objects. */
  static List<HasMetadata> render(Map<String, Object> values, Path... valuesFiles) {
    var command = new Helm(CHART).template().withName("gb").withNamespace("gearbox-system").skipCrds();
    Arrays.stream(valuesFiles).forEach(command::withValuesFile);
    values.forEach(command::set);
    String yaml = command.call();
    return yaml == null ? List.of() : Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
        .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(doc))
        .toList();
  }

  private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
    return objects.stream().filter(type::isInstance).map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  private static PodSpec pod(List<HasMetadata> objects, String deployment) {
    return one(objects, Deployment.class, deployment).getSpec().getTemplate().getSpec();
  }

  private static Bootstrap envoyConfig(Map<String, Object> values, Path... valuesFiles) throws Exception {
    return EnvoyConfigTest.parse(one(render(values, valuesFiles), ConfigMap.class, ENVOY).getData().get("envoy.yaml"));
  }

  private static HttpConnectionManager httpManager(Bootstrap bootstrap, String listener) throws Exception {
    Listener found = bootstrap.getStaticResources().getListenersList().stream()
        .filter(l -> l.getName().equals(listener)).findFirst().orElseThrow();
    return found.getFilterChains(0).getFilters(0).getTypedConfig().unpack(HttpConnectionManager.class);
  }

  private static ExternalProcessor extProc(Bootstrap bootstrap) throws Exception {
    HttpFilter filter = httpManager(bootstrap, "openai").getHttpFiltersList().stream()
        .filter(f -> f.getName().equals("envoy.filters.http.ext_proc")).findFirst().orElseThrow();
    return filter.getTypedConfig().unpack(ExternalProcessor.class);
  }

  private static List<String> components(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getLabels().get("app.kubernetes.io/component")).toList();
  }

  @Test
  void lintsCleanInStrictMode() {
    LintResult result = new Helm(CHART).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void theRouterServesWithItsFlagsNonRootAndReadOnly() {
    List<HasMetadata> objects = render(Map.of("router.unmatched", "FailClose", "router.threads", 4));
    PodSpec pod = pod(objects, ROUTER);
    Container router = pod.getContainers().get(0);

    assertThat(router.getImage()).isEqualTo("ghcr.io/gearbox-dev/gearbox-router:0.1.0");
    assertThat(router.getArgs()).containsExactly("serve", "--namespace=default", "--port=50051", "--xds-port=18000",
        "--xds-ca-file=/etc/ssl/certs/ca-certificates.crt", "--admin-port=9090",
        "--threads=4", "--queue=1024", "--max-body-bytes=4194304", "--unmatched=FailClose", "--drain-seconds=20",
        "--max-streams-per-connection=1024", "--stream-timeout-seconds=330", "--max-buffered-bytes=268435456",
        "--session-store-bytes=67108864");
    assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(20);
    assertThat(pod.getServiceAccountName()).isEqualTo(ROUTER);
    assertThat(pod.getEnableServiceLinks()).as("a Service named gearbox-* would set GEARBOX_* variables").isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(router.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(router.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(router.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(router.getReadinessProbe().getHttpGet().getPath()).as("follows stalled decisions").isEqualTo("/readyz");
    assertThat(router.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(router.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("DJL_CACHE_DIR"))
        .anySatisfy(e -> assertThat(e.getValue()).contains("-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp"));
    assertThat(router.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes().get(0).getEmptyDir().getSizeLimit().toString()).isEqualTo("512Mi");
    assertThat(one(objects, Deployment.class, ROUTER).getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/port", "9090");
  }

  @Test
  void theRouterServiceCarriesGrpcAndTheAdminPort() {
    Service service = one(render(Map.of()), Service.class, ROUTER);

    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort,
        ServicePort::getAppProtocol).containsExactly(tuple("grpc", 50051, "grpc"), tuple("xds", 18000, "grpc"),
        tuple("admin", 9090, null));
  }

  /**
   * Issue 18 #5: the router obeyed policies from every namespace by default. Issue 14: for xDS it also reads the
   * tiers' EndpointSlices and, by name only, the Secrets of external tiers.
   */
  @Test
  void theRouterOnlyReadsItsResourcesInItsPolicyNamespacesOrClusterWideWhenAsked() {
    List<HasMetadata> clusterWide = render(Map.of("router.allNamespaces", true));
    List<HasMetadata> namespaced = render(Map.of("router.policyNamespaces[0]", "team-a",
        "router.policyNamespaces[1]", "platform"));

    List<PolicyRule> rules = one(clusterWide, ClusterRole.class, ROUTER).getRules();
    assertThat(rules).allSatisfy(r -> assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch"));
    assertThat(rules).extracting(r -> r.getApiGroups().get(0), r -> String.join(",", r.getResources()),
        PolicyRule::getResourceNames).containsExactly(tuple("gearbox.dev", "modeltiers,routingpolicies", List.of()),
        tuple("", "configmaps", List.of()), tuple("discovery.k8s.io", "endpointslices", List.of()),
        tuple("", "secrets", List.of("openai-api-key")));
    assertThat(one(render(Map.of("router.secretNames", "null")), Role.class, ROUTER).getRules())
        .as("no Secret names: no Secret access").noneMatch(r -> r.getResources().contains("secrets"));
    // The one write: its own ShareReport, in the release namespace only.
    Role reports = one(clusterWide, Role.class, ROUTER + "-reports");
    assertThat(reports.getMetadata().getNamespace()).isEqualTo("gearbox-system");
    assertThat(reports.getRules()).singleElement().satisfies(r -> {
      assertThat(r.getResources()).containsExactly("sharereports");
      assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "create", "update");
    });
    assertThat(one(clusterWide, ClusterRoleBinding.class, ROUTER).getSubjects().get(0).getName()).isEqualTo(ROUTER);
    assertThat(pod(clusterWide, ROUTER).getContainers().get(0).getArgs()).contains("--all-namespaces");
    assertThat(namespaced).noneMatch(o -> o instanceof ClusterRole && o.getMetadata().getName().equals(ROUTER));
    assertThat(namespaced).filteredOn(o -> o instanceof Role && o.getMetadata().getName().equals(ROUTER))
        .extracting(o -> o.getMetadata().getNamespace()).containsExactly("team-a", "platform");
    assertThat(pod(namespaced, ROUTER).getContainers().get(0).getArgs()).contains("--namespace=team-a,platform");
    assertThat(render(Map.of())).noneMatch(o -> o instanceof ClusterRole && o.getMetadata().getName().equals(ROUTER));
  }

  @Test
  void aSharedSessionStoreIsPassedOnlyWhenSetAndItsPasswordFromASecret() {
    assertThat(pod(render(Map.of()), ROUTER).getContainers().get(0).getEnv())
        .noneMatch(e -> e.getName().equals("GEARBOX_SESSION_STORE"));
    var plain = pod(render(Map.of("router.sessionStore.url", "redis://redis:6379")), ROUTER).getContainers().get(0);
    assertThat(plain.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("GEARBOX_SESSION_STORE");
      assertThat(e.getValue()).isEqualTo("redis://redis:6379");
    });
    assertThat(plain.getArgs()).contains("--session-store-timeout-ms=50");
    var secret = pod(render(Map.of("router.sessionStore.existingSecret", "redis-url")), ROUTER).getContainers().get(0);
    assertThat(secret.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("GEARBOX_SESSION_STORE");
      assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis-url");
      assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("url");
    });
  }

  /** Issue 18 #9: anything in the cluster could reach the router's gRPC port. */
  @Test
  void onlyEnvoyReachesTheRoutersGrpcPort() {
    NetworkPolicy policy = one(render(Map.of()), NetworkPolicy.class, ROUTER);

    assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "router");
    assertThat(policy.getSpec().getIngress()).hasSize(2);
    var grpc = policy.getSpec().getIngress().get(0);
    assertThat(grpc.getPorts()).extracting(p -> p.getPort().getStrVal()).containsExactly("grpc", "xds");
    assertThat(grpc.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "envoy"));
    var noEnvoy = one(render(Map.of("envoy.enabled", false)), NetworkPolicy.class, ROUTER).getSpec().getIngress();
    assertThat(noEnvoy).as("no peer: no rule, nothing reaches the port").singleElement()
        .satisfies(rule -> assertThat(rule.getPorts().get(0).getPort().getStrVal()).isEqualTo("admin"));
  }

  /** Issue 18 #9: a drain could take every router or Envoy at once. */
  @Test
  void routersAndEnvoysHaveDisruptionBudgets() {
    List<HasMetadata> objects = render(Map.of());

    for (String name : List.of(ROUTER, ENVOY)) {
      PodDisruptionBudget budget = one(objects, PodDisruptionBudget.class, name);
      assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
      assertThat(budget.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component",
          name.equals(ROUTER) ? "router" : "envoy");
    }
  }

  @Test
  void theEnvoyConfigIsTheStaticMinimumAndTakesTheTiersFromTheRouter() throws Exception {
    Bootstrap bootstrap = envoyConfig(Map.of());
    ExternalProcessor extProc = extProc(bootstrap);

    assertThat(extProc.getProcessingMode().getRequestHeaderMode()).isEqualTo(ProcessingMode.HeaderSendMode.SEND);
    assertThat(extProc.getProcessingMode().getRequestBodyMode()).isEqualTo(ProcessingMode.BodySendMode.BUFFERED);
    assertThat(extProc.getFailureModeAllow()).isTrue();
    EnvoyConfigTest.assertResponsesCanBeMetered(extProc);
    EnvoyConfigTest.assertClientCannotChooseTheCluster(httpManager(bootstrap, "openai"));
    EnvoyConfigTest.assertClientsAreBounded(bootstrap, httpManager(bootstrap, "openai"));
    EnvoyConfigTest.assertTheTiersComeFromGearbox(bootstrap, httpManager(bootstrap, "openai"));
    assertThat(bootstrap.getStaticResources().getClustersList()).extracting(c -> c.getLoadAssignment()
        .getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress().getAddress())
        .containsOnly(ROUTER + ".gearbox-system.svc.cluster.local", "127.0.0.1");
    assertThat(bootstrap.getNode().getCluster()).isEqualTo(ENVOY);
  }

  /** Issue 17: Envoy's stats were not scrapeable and it logged no request. */
  @Test
  void envoyLogsEachRequestWithoutItsBodyAndServesOnlyItsStatsFromTheAdmin() throws Exception {
    Bootstrap bootstrap = envoyConfig(Map.of());

    var log = httpManager(bootstrap, "openai").getAccessLog(0).getTypedConfig()
        .unpack(io.envoyproxy.envoy.extensions.access_loggers.stream.v3.StdoutAccessLog.class);
    var fields = log.getLogFormat().getJsonFormat().getFieldsMap();
    assertThat(fields.keySet()).contains("tier", "decision", "cluster", "status", "duration_ms");
    assertThat(fields.values()).allSatisfy(v -> assertThat(v.getStringValue())
        .doesNotContain("REQUEST_BODY", "%REQ(AUTHORIZATION)", "%DYNAMIC_METADATA"));
    var ready = httpManager(bootstrap, "ready").getRouteConfig().getVirtualHosts(0).getRoutesList();
    assertThat(ready).singleElement().satisfies(route -> {
      assertThat(route.getMatch().getPath()).isEqualTo("/stats/prometheus");
      assertThat(route.getRoute().getCluster()).isEqualTo("envoy-admin");
    });
    assertThat(one(render(Map.of()), Deployment.class, ENVOY).getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/port", "9902").containsEntry("prometheus.io/path", "/stats/prometheus");
    assertThat(httpManager(envoyConfig(Map.of("envoy.accessLog", false)), "openai").getAccessLogCount()).isZero();
  }

  @Test
  void failureModeAllowAndTheRouterPortsFollowTheValues(@TempDir Path dir) throws Exception {
    Path values = Files.writeString(dir.resolve("values.yaml"), """
        envoy: {failureModeAllow: false}
        router: {grpcPort: 50052, xdsPort: 18001}
        """);
    Bootstrap bootstrap = envoyConfig(Map.of(), values);

    assertThat(extProc(bootstrap).getFailureModeAllow()).isFalse();
    assertThat(bootstrap.getStaticResources().getClustersList()).extracting(Cluster::getName,
        c -> c.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress()
            .getPortValue()).containsExactly(tuple("gearbox-router", 50052), tuple("envoy-admin", 9901),
            tuple("gearbox-xds", 18001));
  }

  @Test
  void envoyRollsOnAConfigChangeAndHoldsNoApiKey() {
    List<HasMetadata> objects = render(Map.of());
    PodSpec pod = pod(objects, ENVOY);
    Container envoy = pod.getContainers().get(0);
    String checksum = "checksum/config";

    assertThat(envoy.getImage()).startsWith("envoyproxy/envoy:v1.34.");
    assertThat(envoy.getEnv()).as("API keys come over SDS, not the pod's environment").singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name"));
    assertThat(envoy.getArgs()).contains("--service-node=$(POD_NAME)");
    assertThat(envoy.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(envoy.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(envoy.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(one(objects, Service.class, ENVOY).getSpec().getPorts()).singleElement()
        .satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
    String before = one(objects, Deployment.class, ENVOY).getSpec().getTemplate().getMetadata().getAnnotations()
        .get(checksum);
    String after = one(render(Map.of("envoy.messageTimeout", "2s")), Deployment.class, ENVOY).getSpec()
        .getTemplate().getMetadata().getAnnotations().get(checksum);
    assertThat(after).isNotBlank().isNotEqualTo(before);
  }

  @Test
  void badValuesFailNamingTheField() {
    assertThatThrownBy(() -> render(Map.of("router.unmatched", "Sometimes"))).hasMessageContaining("unmatched");
    assertThatThrownBy(() -> render(Map.of("envoy.messageTimeout", "500ms"))).hasMessageContaining("messageTimeout");
    assertThatThrownBy(() -> render(Map.of("envoy.defaultCluster", "default.large")))
        .as("issue 14: tiers are no longer listed in the chart").hasMessageContaining("defaultCluster");
    assertThatThrownBy(() -> render(Map.of("router.xdsPort", 0))).hasMessageContaining("xdsPort");
    assertThatThrownBy(() -> render(Map.of("rotuer.enabled", false))).hasMessageContaining("rotuer");
  }

  @Test
  void theShareAlertRendersOnlyWhenAskedAndReadsTheTrackMetrics(@TempDir Path dir) throws Exception {
    assertThat(render(Map.of())).noneMatch(o -> o.getKind().equals("PrometheusRule"));
    Path values = Files.writeString(dir.resolve("monitoring.yaml"), """
        monitoring:
          prometheusRule: {enabled: true, shareTolerance: 0.08, labels: {release: kube-prom}}
        """);

    HasMetadata rule = render(Map.of(), values).stream().filter(o -> o.getKind().equals("PrometheusRule"))
        .findFirst().orElseThrow();

    assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prom");
    String spec = SERIALIZATION.asYaml(rule);
    assertThat(spec).contains("alert: \"GearboxShareOffTarget\"", "gearbox_share_realised", "gearbox_share_target",
        "> 0.08", "for: \"15m\"", "{{ $labels.policy }}");
  }

  @Test
  void turningTheRouterOrEnvoyOffRendersNothingOfIt() {
    assertThat(components(render(Map.of("router.enabled", false)))).doesNotContain("router").contains("envoy");
    assertThat(components(render(Map.of("envoy.enabled", false)))).doesNotContain("envoy").contains("router");
  }
}
