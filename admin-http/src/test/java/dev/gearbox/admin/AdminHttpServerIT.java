package dev.gearbox.admin;

import dev.gearbox.admin.AdminHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Issue 16 (and issue 18 #3, #8 on the router): the admin port over loopback HTTP. */
class AdminHttpServerIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final AtomicInteger readyStatus = new AtomicInteger(200);
  private final Map<String, Supplier<Response>> routes = Map.of(
      "/healthz", () -> Response.text(200, "ok\n"),
      "/readyz", () -> Response.text(readyStatus.get(), readyStatus.get() == 200 ? "ready\n" : "not ready\n"),
      "/metrics", () -> Response.prometheus("# HELP gearbox_test_total a test\n"),
      "/broken", () -> {
        throw new IllegalStateException("no answer");
      });
  private AdminHttpServer admin;

  @AfterEach
  void stop() {
    if (admin != null) {
      admin.close();
    }
  }

  private void start(String host) {
    admin = AdminHttpServer.start("admin", new InetSocketAddress(host, 0), routes, Duration.ofSeconds(1));
  }

  private HttpResponse<String> send(String host, String method, String path) throws Exception {
    return HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + admin.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody()).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("127.0.0.1", "GET", path);
  }

  /** What the server writes back to {@code request} on a raw connection, until it closes it. */
  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", admin.port())) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** A connection sending half a request blocked every probe for as long as it was held. */
  @Test
  void aHalfSentRequestBlocksNoProbeAndIsClosedWhenIdle() throws Exception {
    start("127.0.0.1");
    try (Socket slow = new Socket("127.0.0.1", admin.port())) {
      slow.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();

      assertThat(get("/healthz").statusCode()).isEqualTo(200);
      assertThat(get("/readyz").statusCode()).isEqualTo(200);
      assertThat(get("/metrics").body()).contains("# HELP");

      InputStream in = slow.getInputStream();
      await().atMost(Duration.ofSeconds(15)).until(() -> in.read() == -1);
    }
  }

  /**
   * The JDK's HTTP client asks to upgrade to HTTP/2 (h2c) and Vert.x agreed by default; the operator's IT once lost
   * such a connection mid-poll (EOF). HTTP/1.1 only, where the limits apply; a connection in use outlives the timeout.
   */
  @Test
  void aBusyKeptAliveConnectionOutlivesTheIdleTimeoutOverHttp11() throws Exception {
    start("127.0.0.1");
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    long end = System.nanoTime() + Duration.ofMillis(2500).toNanos();

    while (System.nanoTime() < end) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + admin.port() + "/healthz")).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      Thread.sleep(200);
    }
  }

  @Test
  void eachPathAnswersFromItsSupplierOnEveryRequestAndUnknownPathsAreNotFound() throws Exception {
    start("127.0.0.1");

    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    readyStatus.set(503);
    HttpResponse<String> notReady = get("/readyz?verbose");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("not ready\n");
    assertThat(notReady.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(get("/metrics").headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(get("/admin").statusCode()).isEqualTo(404);
    assertThat(get("/readyz/more").statusCode()).isEqualTo(404);
    assertThat(get("/").statusCode()).isEqualTo(404);
  }

  /** One event loop and no worker threads: every supplier runs on the same thread. */
  @Test
  void routesAnswerOnTheOneEventLoop() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    admin = AdminHttpServer.start("admin", new InetSocketAddress("127.0.0.1", 0), Map.of("/thread", () -> {
      threads.add(Thread.currentThread().getName());
      return Response.text(200, "ok\n");
    }));

    for (int i = 0; i < 5; i++) {
      assertThat(get("/thread").statusCode()).isEqualTo(200);
    }
    assertThat(threads).containsExactly("vert.x-eventloop-thread-0");
  }

  @Test
  void aSupplierThatThrowsIsAnsweredWithAnError() throws Exception {
    start("127.0.0.1");

    assertThat(get("/broken").statusCode()).isEqualTo(500);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  /** Issue 16: the router answered POST /readyz with 200, as if it were a probe. */
  @Test
  void onlyGetAndHeadAreAnswered() throws Exception {
    start("127.0.0.1");

    for (String method : new String[] {"POST", "PUT", "DELETE"}) {
      HttpResponse<String> refused = send("127.0.0.1", method, "/readyz");
      assertThat(refused.statusCode()).as(method).isEqualTo(405);
      assertThat(refused.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
    assertThat(send("127.0.0.1", "HEAD", "/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void headAnswersTheHeadersWithoutTheBody() throws Exception {
    start("127.0.0.1");

    String answer = raw("HEAD /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: text/plain").endsWith("\r\n\r\n")
        .doesNotContain("ready");
  }

  @Test
  void anOverlongRequestLineOrHeaderIsRefused() throws Exception {
    start("127.0.0.1");

    String longPath = "/" + "a".repeat(AdminHttpServer.MAX_INITIAL_LINE_BYTES);
    assertThat(raw("GET " + longPath + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .containsPattern("^HTTP/1\\.[01] 414 ");
    String longHeader = "X-Big: " + "b".repeat(AdminHttpServer.MAX_HEADER_BYTES) + "\r\n";
    assertThat(raw("GET /healthz HTTP/1.1\r\nHost: x\r\n" + longHeader + "Connection: close\r\n\r\n"))
        .containsPattern("^HTTP/1\\.[01] 431 ");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  /** Issue 18 #8: the router's admin port bound every interface; it binds the address it is given. */
  @Test
  void theAdminPortListensOnlyOnItsBindAddress() throws Exception {
    start("127.0.0.2");

    assertThat(send("127.0.0.2", "GET", "/healthz").statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> new Socket("127.0.0.1", admin.port()).close()).isInstanceOf(ConnectException.class);
  }

  @Test
  void aTakenPortIsAnErrorNamingIt() {
    start("127.0.0.1");
    InetSocketAddress taken = new InetSocketAddress("127.0.0.1", admin.port());

    assertThatThrownBy(() -> AdminHttpServer.start("health", taken, routes))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("health port").hasMessageContaining(":" + admin.port())
        .hasCauseInstanceOf(BindException.class);
  }

  @Test
  void closingFreesThePort() throws Exception {
    start("127.0.0.1");
    int port = admin.port();

    admin.close();
    admin = AdminHttpServer.start("admin", new InetSocketAddress("127.0.0.1", port), routes);

    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }
}
