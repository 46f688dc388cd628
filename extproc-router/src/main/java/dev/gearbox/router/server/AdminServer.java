package dev.gearbox.router.server;

import dev.gearbox.admin.AdminHttpServer;
import dev.gearbox.admin.AdminHttpServer.Response;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The router's admin port: Prometheus /metrics, /healthz (alive) and /readyz (a policy is loaded, not draining, the
 * decision path answering), served by the shared {@link AdminHttpServer} (one event loop, idle and size limits).
 */
public final class AdminServer {
  private AdminServer() {
  }

  /** @throws IllegalStateException naming the address when it cannot listen */
  public static AdminHttpServer start(InetSocketAddress address, PrometheusMeterRegistry registry,
      BooleanSupplier ready) {
    return AdminHttpServer.start("admin", address, Map.of(
        "/metrics", () -> Response.prometheus(registry.scrape()),
        "/healthz", () -> Response.text(200, "ok\n"),
        "/readyz", () -> ready.getAsBoolean() ? Response.text(200, "ready\n")
            : Response.text(503, "not ready: no routing policy loaded, draining, or a decision stalled\n")));
  }
}
