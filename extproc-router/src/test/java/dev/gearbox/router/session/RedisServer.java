package dev.gearbox.router.session;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real redis-server (Debian's, on the PATH) on a free loopback port, for the tests only. Without the binary the
 * tests are skipped with the reason, unless GEARBOX_REQUIRE_REDIS=true (CI installs it) makes that a failure.
 */
final class RedisServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static RedisServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return start(port);
  }

  /** On a given port, e.g. one a test stopped a server on. */
  static RedisServer start(int port) throws IOException, InterruptedException {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/redis-server"))
        || System.getenv("PATH") != null && List.of(System.getenv("PATH").split(":")).stream()
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "redis-server")));
    if (!installed) {
      if ("true".equals(System.getenv("GEARBOX_REQUIRE_REDIS"))) {
        throw new IllegalStateException("redis-server is not installed (apt-get install redis-server)");
      }
      Assumptions.abort("redis-server is not installed (apt-get install redis-server); skipping the shared store "
          + "tests");
    }
    Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--maxmemory", "64mb", "--maxmemory-policy", "volatile-lru")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    RedisServer server = new RedisServer(process, port);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!server.accepts()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        server.close();
        throw new IllegalStateException("redis-server did not start on port " + port);
      }
      Thread.sleep(20);
    }
    return server;
  }

  private boolean accepts() {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
