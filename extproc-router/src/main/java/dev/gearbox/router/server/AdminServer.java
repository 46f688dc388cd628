package dev.gearbox.router.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The admin HTTP port: Prometheus /metrics, /healthz (alive) and /readyz (a policy is loaded, not draining, the
 * decision path answering). Served by Vert.x on one event loop: a connection that sends half a request holds a
 * socket, not a thread, so it cannot block the probes, and it is closed once idle for {@link #IDLE_SECONDS}; the
 * request line and headers are capped, and anything but the three paths is a 404.
 */
public final class AdminServer implements AutoCloseable {
  static final int IDLE_SECONDS = 10;

  private final Vertx vertx;
  private final HttpServer http;

  public AdminServer(InetSocketAddress address, PrometheusMeterRegistry registry, BooleanSupplier ready)
      throws InterruptedException {
    this(address, registry, ready, IDLE_SECONDS);
  }

  /** @param idleSeconds a connection that sends nothing this long is closed */
  AdminServer(InetSocketAddress address, PrometheusMeterRegistry registry, BooleanSupplier ready, int idleSeconds)
      throws InterruptedException {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    http = vertx.createHttpServer(new HttpServerOptions()
        .setHost(address.getHostString())
        .setPort(address.getPort())
        .setIdleTimeout(idleSeconds)
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxInitialLineLength(1024)
        .setMaxHeaderSize(8192));
    http.requestHandler(request -> route(request, registry, ready));
    try {
      http.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw new IllegalStateException("admin port " + address + " did not open: " + e.getMessage(), e);
    }
  }

  private static void route(HttpServerRequest request, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      request.response().putHeader("Allow", "GET, HEAD");
      respond(request, 405, "text/plain", "method not allowed\n");
      return;
    }
    switch (request.path()) {
      case "/metrics" -> respond(request, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
      case "/healthz" -> respond(request, 200, "text/plain", "ok\n");
      case "/readyz" -> {
        boolean isReady = ready.getAsBoolean();
        respond(request, isReady ? 200 : 503, "text/plain",
            isReady ? "ready\n" : "not ready: no routing policy loaded, draining, or a decision stalled\n");
      }
      default -> respond(request, 404, "text/plain", "not found\n");
    }
  }

  private static void respond(HttpServerRequest request, int status, String contentType, String body) {
    request.response().setStatusCode(status).putHeader("Content-Type", contentType).end(body);
  }

  public int port() {
    return http.actualPort();
  }

  @Override
  public void close() {
    vertx.close();
  }
}
