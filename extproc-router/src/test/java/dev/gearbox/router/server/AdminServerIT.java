package dev.gearbox.router.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Issue 18 #3 and #8: the admin port over loopback HTTP. */
class AdminServerIT {
  private final AtomicBoolean ready = new AtomicBoolean(true);
  private AdminServer admin;

  @AfterEach
  void stop() {
    if (admin != null) {
      admin.close();
    }
  }

  private void start(String host) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("gearbox.test").increment();
    admin = new AdminServer(new InetSocketAddress(host, 0), registry, ready::get, 1);
  }

  private HttpResponse<String> get(String host, String path) throws Exception {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + admin.port() + path))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** #3: one connection sending half a request line blocked every probe for as long as it was held. */
  @Test
  void aHalfSentRequestBlocksNoProbeAndIsClosedWhenIdle() throws Exception {
    start("127.0.0.1");
    try (Socket slow = new Socket("127.0.0.1", admin.port())) {
      slow.getOutputStream().write("GET /heal".getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();

      assertThat(get("127.0.0.1", "/healthz").statusCode()).isEqualTo(200);
      assertThat(get("127.0.0.1", "/readyz").statusCode()).isEqualTo(200);
      assertThat(get("127.0.0.1", "/metrics").body()).contains("# HELP").doesNotContain("not found");

      InputStream in = slow.getInputStream();
      await().atMost(Duration.ofSeconds(15)).until(() -> in.read() == -1);
    }
  }

  @Test
  void readinessFollowsTheRouterAndUnknownPathsAreNotFound() throws Exception {
    start("127.0.0.1");
    ready.set(false);

    assertThat(get("127.0.0.1", "/readyz").statusCode()).isEqualTo(503);
    assertThat(get("127.0.0.1", "/healthz").statusCode()).isEqualTo(200);
    assertThat(get("127.0.0.1", "/admin").statusCode()).isEqualTo(404);
  }

  /** Issue 16: the router answered POST /readyz with 200, as if it were a probe. */
  @Test
  void onlyGetAndHeadAreAnswered() throws Exception {
    start("127.0.0.1");

    HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + admin.port() + "/readyz")).POST(HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(get("127.0.0.1", "/readyz").statusCode()).isEqualTo(200);
  }

  /** #8: the admin port bound every interface; it now binds the address it is given. */
  @Test
  void theAdminPortListensOnlyOnItsBindAddress() throws Exception {
    start("127.0.0.2");

    assertThat(get("127.0.0.2", "/healthz").statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> new Socket("127.0.0.1", admin.port()).close()).isInstanceOf(ConnectException.class);
  }
}
