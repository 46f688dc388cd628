package dev.gearbox.router.metrics;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every metric the router exports says what it is, and the decision latency has the buckets chosen for it. */
class MetricsHelpTest {
  private static final String SCRAPE = RegisteredMeters.scrape();

  @Test
  void everyMetricHasHelpText() {
    Matcher help = Pattern.compile("(?m)^# HELP (\\S+) ?(.*)$").matcher(SCRAPE);
    int metrics = 0;
    while (help.find()) {
      metrics++;
      assertThat(help.group(2)).as("# HELP of " + help.group(1)).isNotBlank();
    }
    assertThat(metrics).isEqualTo(RegisteredMeters.seriesNames(SCRAPE).stream()
        .filter(n -> SCRAPE.contains("# TYPE " + n + " ")).count());
    assertThat(RegisteredMeters.seriesNames(SCRAPE)).contains("gearbox_requests_total",
        "gearbox_decision_latency_seconds_bucket", "gearbox_share_realised", "gearbox_router_ready",
        "gearbox_fallbacks_total", "gearbox_failures_total", "gearbox_estimated_cost_sum");
  }

  @Test
  void decisionLatencyHasTheChosenBucketsOnly() {
    long buckets = SCRAPE.lines().filter(l -> l.startsWith("gearbox_decision_latency_seconds_bucket{")).count();

    assertThat(buckets).isEqualTo(RouterMetrics.LATENCY_BUCKETS.length + 1); // and +Inf
    assertThat(SCRAPE).contains("gearbox_decision_latency_seconds_bucket{policy=\"team/auto\",le=\"5.0E-4\"}");
  }
}
