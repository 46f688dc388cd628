package dev.gearbox.operator.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** A tiny GET-only HTTP server (JDK built-in) for probes and metrics; each path answers from a supplier. */
public final class HttpEndpoints implements AutoCloseable {
  private final HttpServer server;

  private HttpEndpoints(HttpServer server) {
    this.server = server;
  }

  /** A response body with its status and content type. */
  public record Response(int status, String contentType, String body) {
    public static Response text(HealthReport.Answer answer) {
      return new Response(answer.status(), "text/plain; charset=utf-8", answer.body());
    }
  }

  /** @param port 0 picks a free port */
  public static HttpEndpoints start(String name, int port, Map<String, Supplier<Response>> routes) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      routes.forEach((path, supplier) -> server.createContext(path, exchange -> answer(exchange, path, supplier)));
      server.setExecutor(Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, name + "-http");
        thread.setDaemon(true);
        return thread;
      }));
      server.start();
      return new HttpEndpoints(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port + " for " + name, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange, String path, Supplier<Response> supplier) throws IOException {
    try (exchange) {
      Response response;
      if (!path.equals(exchange.getRequestURI().getPath())) {
        response = new Response(404, "text/plain", "not found\n");
      } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        response = new Response(405, "text/plain", "only GET\n");
      } else {
        response = supplier.get();
      }
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(response.status(), head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
