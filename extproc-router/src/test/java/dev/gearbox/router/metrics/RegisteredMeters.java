package dev.gearbox.router.metrics;

import dev.gearbox.router.Fixtures;
import dev.gearbox.router.cli.Wiring;
import dev.gearbox.router.request.TokenUsage;
import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterSettings;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every meter the router registers, as serve registers them: a decision through a calibration-Track policy, and
 * each other event once. The names dashboards and alerts may use are the series these produce.
 */
public final class RegisteredMeters {
  private static final Pattern TYPE = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");

  private RegisteredMeters() {
  }

  /** The Prometheus text the router's /metrics would show once every kind of event has happened. */
  public static String scrape() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    RouterMetrics metrics = new RouterMetrics(registry);
    ServerGauges.register(registry, new ServerGauges.Sources(() -> true, () -> false, () -> 0, () -> 0, () -> 0,
        () -> 0));
    PolicySnapshot snapshot = Fixtures.snapshot(Fixtures.TIERS + "---\n"
        + Fixtures.policy("complexity: {targetShares: [35, 25, 40], calibration: Track}\n"), Wiring.classifiers());
    RequestRouter router = new RequestRouter(() -> snapshot, RouterSettings.defaults(), metrics);
    RouteResult routed = router.onBody(Fixtures.chatHeaders(), Fixtures.chat("auto", "What is the capital of Canada?"));
    assertThat(routed).isInstanceOf(RouteResult.Routed.class);
    CompiledPolicy policy = routed.policy();
    metrics.fellBack(policy, routed.decision());
    metrics.shadowed(policy, routed.decision(), true);
    metrics.failed(new RouteResult.FailedOpen(policy, Map.of(), null, "malformed JSON", "malformed"));
    metrics.used(policy, routed.servedBy(), new TokenUsage(10, 20));
    metrics.unmetered(policy, routed.servedBy(), "streamed");
    metrics.passedThrough("path");
    metrics.policyError();
    return registry.scrape();
  }

  /** Series names: counters with _total, histograms' _bucket/_count/_sum, summaries' _count/_sum, gauges as named. */
  public static Set<String> seriesNames(String scrape) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = TYPE.matcher(scrape);
    while (m.find()) {
      String name = m.group(1);
      names.add(name);
      switch (m.group(2)) {
        case "histogram" -> names.addAll(Set.of(name + "_bucket", name + "_count", name + "_sum"));
        case "summary" -> names.addAll(Set.of(name + "_count", name + "_sum"));
        default -> {
        }
      }
    }
    return names;
  }
}
