package dev.gearbox.router.server;

import dev.gearbox.admin.AdminHttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router's routes on its admin port; the server's own behaviour (half-sent requests, methods, limits, binding)
 * is tested by {@code AdminHttpServerIT} in admin-http.
 */
class AdminServerIT {

  @Test
  void readinessFollowsTheRouterAndMetricsAreTheRegistrys() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("gearbox.test").increment();
    AtomicBoolean ready = new AtomicBoolean(true);
    try (AdminHttpServer admin = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), registry, ready::get)) {
      assertThat(get(admin, "/readyz").statusCode()).isEqualTo(200);
      ready.set(false);
      assertThat(get(admin, "/readyz").statusCode()).isEqualTo(503);
      assertThat(get(admin, "/healthz").statusCode()).isEqualTo(200);

      HttpResponse<String> metrics = get(admin, "/metrics");
      assertThat(metrics.body()).contains("gearbox_test_total 1.0");
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    }
  }

  private static HttpResponse<String> get(AdminHttpServer admin, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
