package dev.gearbox.router.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.router.metrics.RegisteredMeters;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's monitoring: the Grafana dashboard, the PrometheusRule and the ServiceMonitors render only when asked,
 * their PromQL passes {@link PromQlCheck}, and they read only metrics the code registers: the router's here
 * ({@link RegisteredMeters}), the operator's ({@code operator_sdk_*}, {@code gearbox_tier_*}) in the operator's
 * OperatorMonitoringTest, and Prometheus's own {@code up}.
 */
class MonitoringChartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ROUTER_METRICS = RegisteredMeters.seriesNames(RegisteredMeters.scrape());
  private static final Pattern OPERATOR_METRICS = Pattern.compile("operator_sdk_.*|gearbox_tier_.*");

  private static List<HasMetadata> kind(List<HasMetadata> objects, String kind) {
    return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
  }

  private static void assertReadsRegisteredMetrics(String where, String expr) {
    PromQlCheck check = PromQlCheck.of(expr);
    assertThat(check.problems()).as(where + ": " + expr).isEmpty();
    assertThat(check.metrics()).as(where + ": " + expr).isNotEmpty().allSatisfy(metric -> assertThat(
        ROUTER_METRICS.contains(metric) || OPERATOR_METRICS.matcher(metric).matches() || metric.equals("up"))
        .as(metric + " in " + where + " is registered").isTrue());
  }

  @Test
  void nothingRendersByDefault() {
    List<HasMetadata> objects = RouterChartTest.render(Map.of());

    assertThat(kind(objects, "PrometheusRule")).isEmpty();
    assertThat(kind(objects, "ServiceMonitor")).isEmpty();
    assertThat(objects).noneMatch(o -> o.getMetadata().getName().endsWith("-dashboards"));
  }

  @Test
  void theDashboardIsAConfigMapForTheGrafanaSidecarReadingRegisteredMetrics() throws Exception {
    ConfigMap dashboards = RouterChartTest.render(Map.of("monitoring.dashboards.enabled", true)).stream()
        .filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
        .filter(c -> c.getMetadata().getName().equals("gb-gearbox-dashboards")).findFirst().orElseThrow();

    assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    JsonNode dashboard = JSON.readTree(dashboards.getData().get("gearbox.json"));
    List<String> titles = new ArrayList<>();
    int targets = 0;
    for (JsonNode panel : dashboard.path("panels")) {
      titles.add(panel.path("title").asText());
      for (JsonNode target : panel.path("targets")) {
        assertReadsRegisteredMetrics(panel.path("title").asText(), target.path("expr").asText());
        targets++;
      }
    }
    assertThat(targets).isGreaterThan(15);
    assertThat(titles).contains("Decisions per tier", "Decision latency", "Fallbacks (chosen tier not ready)",
        "Failure mode: fail-open, fail-closed", "Realised share against target", "Cost per tier", "Tokens per tier (reported)",
        "Routers ready", "Reconciliations");
  }

  @Test
  void theAlertsParseAndReadRegisteredMetrics() {
    GenericKubernetesResource rule = (GenericKubernetesResource) kind(RouterChartTest.render(
        Map.of("monitoring.prometheusRule.enabled", true)), "PrometheusRule").get(0);

    List<String> alerts = new ArrayList<>();
    JsonNode groups = JSON.valueToTree(rule.getAdditionalProperties().get("spec")).path("groups");
    for (JsonNode group : groups) {
      for (JsonNode alert : group.path("rules")) {
        alerts.add(alert.path("alert").asText());
        assertReadsRegisteredMetrics(alert.path("alert").asText(), alert.path("expr").asText());
        assertThat(alert.path("for").asText()).matches("\\d+[smh]");
      }
    }
    assertThat(alerts).containsExactlyInAnyOrder("GearboxRouterNotReady", "GearboxFailOpenRate",
        "GearboxFallbackRate", "GearboxShareOffTarget", "GearboxOperatorReconcileErrors");
  }

  @Test
  void serviceMonitorsRenderOnlyWhenEnabledForTheRouterAndTheOperator() {
    List<HasMetadata> monitors = kind(RouterChartTest.render(Map.of("monitoring.serviceMonitor.enabled", true,
        "monitoring.serviceMonitor.labels.release", "prometheus")), "ServiceMonitor");

    assertThat(monitors).extracting(m -> m.getMetadata().getName())
        .containsExactlyInAnyOrder("gb-gearbox-router", "gb-gearbox-operator");
    assertThat(monitors).allSatisfy(m -> assertThat(m.getMetadata().getLabels()).containsEntry("release", "prometheus"));
    JsonNode router = JSON.valueToTree(((GenericKubernetesResource) monitors.stream()
        .filter(m -> m.getMetadata().getName().endsWith("router")).findFirst().orElseThrow())
        .getAdditionalProperties().get("spec"));
    assertThat(router.at("/endpoints/0/port").asText()).isEqualTo("admin");
    assertThat(router.at("/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("router");
  }

  @Test
  void theCheckRefusesBrokenPromQl() {
    assertThat(PromQlCheck.of("sum(rate(x_total[5m])").problems()).isNotEmpty();
    assertThat(PromQlCheck.of("rate(x_total[5 minutes])").problems()).isNotEmpty();
    assertThat(PromQlCheck.of("sumx by (a) (x)").problems()).isNotEmpty();
    assertThat(PromQlCheck.of("x{job=prod}").problems()).isNotEmpty();
    assertThat(PromQlCheck.of("x y").problems()).isNotEmpty();
    assertThat(PromQlCheck.of("sum by (policy) (rate(a_total{b=~\"c\"}[5m])) / on(policy) group_left b > 0.5")
        .metrics()).containsExactly("a_total", "b");
  }
}
