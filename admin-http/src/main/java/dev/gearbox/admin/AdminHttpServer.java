package dev.gearbox.admin;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The admin HTTP port of the operator and the router: probes and /metrics, each path answered by a supplier.
 *
 * <p>Served by Vert.x on one event loop and no worker threads: a connection that sends half a request holds a socket,
 * not a thread, so it cannot block the probes (the JDK's server read headers on its executor thread, and one such
 * client hung every probe until the liveness probe restarted the pod). A connection idle for {@link #IDLE_TIMEOUT} is
 * closed; the request line and the headers are capped; HTTP/1.x only. Only GET and HEAD are answered (405 with Allow
 * otherwise), unknown paths are 404. The suppliers run on the event loop, so they must be quick and must not block.
 */
public final class AdminHttpServer implements AutoCloseable {
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
  static final int MAX_INITIAL_LINE_BYTES = 1024;
  static final int MAX_HEADER_BYTES = 8192;
  private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** What one path answers. */
  public record Response(int status, String contentType, String body) {
    public static Response text(int status, String body) {
      return new Response(status, "text/plain; charset=utf-8", body);
    }

    /** The Prometheus text exposition format, as a registry's {@code scrape()} writes it. */
    public static Response prometheus(String body) {
      return new Response(200, "text/plain; version=0.0.4; charset=utf-8", body);
    }
  }

  private final Vertx vertx;
  private final HttpServer http;

  private AdminHttpServer(Vertx vertx, HttpServer http) {
    this.vertx = vertx;
    this.http = http;
  }

  /**
   * Listens on {@code address} (port 0 picks a free one) and answers {@code routes}.
   *
   * @param name what the port is for ("health", "admin"), for the error when it cannot listen
   * @throws IllegalStateException naming the port when it cannot listen (the cause says why, e.g. a BindException)
   */
  public static AdminHttpServer start(String name, InetSocketAddress address, Map<String, Supplier<Response>> routes) {
    return start(name, address, routes, IDLE_TIMEOUT);
  }

  static AdminHttpServer start(String name, InetSocketAddress address, Map<String, Supplier<Response>> routes,
      Duration idleTimeout) {
    Map<String, Supplier<Response>> paths = Map.copyOf(routes);
    // Nothing here reads files: no classpath extraction and no cache directory (the root filesystem may be read-only).
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
            .setClassPathResolvingEnabled(false)));
    HttpServer http = vertx.createHttpServer(new HttpServerOptions()
        .setHost(address.getHostString())
        .setPort(address.getPort())
        .setIdleTimeout((int) idleTimeout.toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
        .setMaxHeaderSize(MAX_HEADER_BYTES)
        // HTTP/1.1 only, as the kubelet and Prometheus speak it: no upgrade to HTTP/2 (the JDK's client asks for it),
        // whose connections the limits above do not cover.
        .setHttp2ClearTextEnabled(false));
    http.requestHandler(request -> respond(request, answer(request, paths)));
    try {
      http.listen().toCompletionStage().toCompletableFuture().get(LISTEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new AdminHttpServer(vertx, http);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("cannot listen on " + name + " port " + address + ": " + cause.getMessage(),
          cause);
    } catch (InterruptedException e) {
      vertx.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening " + name + " port " + address, e);
    }
  }

  private static Response answer(HttpServerRequest request, Map<String, Supplier<Response>> paths) {
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      request.response().putHeader("Allow", "GET, HEAD");
      return Response.text(405, "method not allowed\n");
    }
    Supplier<Response> route = paths.get(request.path());
    if (route == null) {
      return Response.text(404, "not found\n");
    }
    try {
      return route.get();
    } catch (RuntimeException e) {
      // Unanswered, the request would hang until the idle timeout; a failing probe is an answer.
      return Response.text(500, "internal error: " + e.getClass().getSimpleName() + "\n");
    }
  }

  /** Vert.x answers a HEAD request with the headers only. */
  private static void respond(HttpServerRequest request, Response response) {
    request.response().setStatusCode(response.status()).putHeader("Content-Type", response.contentType())
        .end(response.body());
  }

  public int port() {
    return http.actualPort();
  }

  /** Closes the port and stops the event loop; waits up to a few seconds so the port is free when it returns. */
  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Closing is best effort: the process is usually on its way out.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
