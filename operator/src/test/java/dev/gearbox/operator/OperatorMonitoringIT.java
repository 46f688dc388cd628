package dev.gearbox.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.operator.chart.RenderedChart;
import dev.gearbox.operator.reconciler.Fixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's side of the chart's monitoring: every metric it exports has HELP text, and the dashboard and the
 * alerts name only operator metrics it registers (a failing reconcile included). The router's side is checked by
 * the router's MonitoringChartTest.
 */
class OperatorMonitoringIT {
  private static final Pattern OPERATOR_METRIC = Pattern.compile("\\b(?:operator_sdk_|gearbox_tier_)[a-z_]+");
  private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Series the operator exports after a tier that reconciles and one whose Deployment the API server refuses. */
  private static String scrapeAfterSuccessAndFailure() {
    try (MockCluster cluster = MockCluster.withoutOperator()) {
      cluster.server().expect().post().withPath("/apis/apps/v1/namespaces/team-b/deployments")
          .andReturn(500, "refused by the test").always();
      cluster.startOperator(MockCluster.testConfig(Set.of("team-a", "team-b")));
      cluster.client().resource(Fixtures.serverTier("team-a", "small", 1)).create();
      cluster.client().resource(Fixtures.serverTier("team-b", "small", 1)).create();
      await().atMost(Duration.ofSeconds(30)).until(() -> cluster.registry().scrape()
          .contains("operator_sdk_reconciliations_failed_total") && cluster.registry().scrape()
          .contains("gearbox_tier_ready_replicas{namespace=\"team-a\",tier=\"small\"}"));
      return cluster.registry().scrape();
    }
  }

  @Test
  void everyMetricHasHelpAndTheDashboardAndAlertsReadOnlyRegisteredOnes() throws Exception {
    String scrape = scrapeAfterSuccessAndFailure();

    Matcher help = Pattern.compile("(?m)^# HELP (\\S+) ?(.*)$").matcher(scrape);
    while (help.find()) {
      assertThat(help.group(2)).as("# HELP of " + help.group(1)).isNotBlank();
    }
    Set<String> exported = new TreeSet<>();
    SAMPLE.matcher(scrape).results().forEach(r -> exported.add(r.group(1)));

    Set<String> used = new TreeSet<>();
    String dashboard = Files.readString(MockCluster.REPOSITORY.resolve("charts/gearbox/dashboards/gearbox.json"));
    for (JsonNode panel : JSON.readTree(dashboard).path("panels")) {
      panel.path("targets").forEach(t -> OPERATOR_METRIC.matcher(t.path("expr").asText()).results()
          .forEach(r -> used.add(r.group())));
    }
    GenericKubernetesResource rule = RenderedChart.render(Map.of("monitoring.prometheusRule.enabled", true))
        .all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals("PrometheusRule"))
        .findFirst().orElseThrow();
    OPERATOR_METRIC.matcher(JSON.writeValueAsString(rule.getAdditionalProperties().get("spec"))).results()
        .forEach(r -> used.add(r.group()));

    assertThat(used).contains("operator_sdk_reconciliations_failed_total", "gearbox_tier_ready_replicas");
    assertThat(exported).containsAll(used);
  }
}
