package dev.gearbox.router.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** The admin HTTP port: Prometheus /metrics, /healthz (alive) and /readyz (a policy is loaded, not draining). */
public final class AdminServer implements AutoCloseable {
  private final HttpServer http;

  public AdminServer(int port, PrometheusMeterRegistry registry, BooleanSupplier ready) throws IOException {
    http = HttpServer.create(new InetSocketAddress(port), 16);
    http.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "admin-http");
      t.setDaemon(true);
      return t;
    }));
    http.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
        registry.scrape()));
    http.createContext("/healthz", ex -> respond(ex, 200, "text/plain", "ok\n"));
    http.createContext("/readyz", ex -> {
      boolean isReady = ready.getAsBoolean();
      respond(ex, isReady ? 200 : 503, "text/plain", isReady ? "ready\n" : "no routing policy loaded\n");
    });
    http.start();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
