package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.RoutingPolicySpec.FailureMode;
import dev.gearbox.router.metrics.RouterMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.as;
import static dev.gearbox.router.Fixtures.chat;
import static dev.gearbox.router.Fixtures.chatHeaders;
import static dev.gearbox.router.Fixtures.complexityOnly;
import static dev.gearbox.router.Fixtures.policy;
import static dev.gearbox.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18: inputs that used to slip past FailClose, or take the decision path down, each get the failure mode. */
class FailureModesTest {
  private static final String FAIL_CLOSE = "failureMode: FailClose\n";
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private RequestRouter router(String specBody) {
    return router(specBody, Classifiers.unavailable(), RouterSettings.DEFAULT_DECISION_BUDGET);
  }

  private RequestRouter router(String specBody, Classifiers classifiers, Duration budget) {
    PolicySnapshot snapshot = snapshot(TIERS + "---\n" + policy(specBody), classifiers);
    RouterSettings defaults = RouterSettings.defaults();
    return new RequestRouter(() -> snapshot, new RouterSettings(defaults.maxBodyBytes(), defaults.routablePaths(),
        FailureMode.FailOpen, budget), new RouterMetrics(registry));
  }

  private double failures(String reason, String outcome) {
    return registry.get("gearbox.failures").tags("reason", reason, "outcome", outcome).counter().count();
  }

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** #6: a body without "model" threw a NullPointerException and went on untouched. */
  @Test
  void aBodyWithoutAModelIsDecidedByTheFailureMode() {
    RouteResult.Rejected result = as(RouteResult.Rejected.class,
        router(FAIL_CLOSE).onBody(chatHeaders(), utf8("{\"messages\":[]}")));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.reason()).isEqualTo("missing_model");
    assertThat(failures("missing_model", "reject")).isEqualTo(1);
  }

  @Test
  void aPolicyThatNamesNoModelsGovernsABodyWithoutOneAndInsertsTheModel() {
    PolicySnapshot snapshot = snapshot(TIERS + "---\n" + policy("").replace("match: {models: [auto]}", "match: {}"));
    RouteResult.Routed result = as(RouteResult.Routed.class,
        new RequestRouter(() -> snapshot, RouterSettings.defaults(), RouterEvents.NONE)
            .onBody(chatHeaders(), utf8("{\"messages\":[]}")));

    assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("{\"model\":\"medium-model\",\"messages\":[]}");
  }

  /** #7: gzip was counted as malformed JSON; the headers already say the router cannot read it. */
  @Test
  void aCompressedBodyIsRefusedAtTheHeaders() {
    Map<String, String> headers = chatHeaders();
    headers.put("content-encoding", "gzip");

    RouteResult.Rejected result = as(RouteResult.Rejected.class, router(FAIL_CLOSE).onHeaders(headers).orElseThrow());

    assertThat(result.status()).isEqualTo(415);
    assertThat(result.reason()).isEqualTo("unsupported_content_encoding");
  }

  /** #8: a type that merely contains "json" passed the check. */
  @Test
  void aContentTypeThatOnlyMentionsJsonIsRefused() {
    Map<String, String> headers = chatHeaders();
    headers.put("content-type", "text/plain; note=json");

    assertThat(router(FAIL_CLOSE).onHeaders(headers).orElseThrow().reason()).isEqualTo("unsupported_content_type");
  }

  /** #8: these reached the chat endpoint of a tier without being routed. */
  @ParameterizedTest
  @ValueSource(strings = {"//v1/chat/completions", "/v1/chat/completions/", "/v1//chat/completions?stream=1"})
  void pathVariantsOfARoutablePathAreRouted(String path) {
    Map<String, String> headers = chatHeaders();
    headers.put(":path", path);

    assertThat(router("").onHeaders(headers)).as("body needed").isEmpty();
  }

  /** #1: a 60 KiB session id was stored whole; now it is refused by the failure mode. */
  @Test
  void anOverlongSessionIdIsRefused() {
    Map<String, String> headers = chatHeaders();
    headers.put("x-session-id", "s".repeat(60 * 1024));

    RouteResult.Rejected result = as(RouteResult.Rejected.class,
        router(FAIL_CLOSE + "stickiness: {header: x-session-id}\n").onBody(headers, chat("auto", "hi")));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.reason()).isEqualTo("invalid_session_id");
  }

  /** #2: a StackOverflowError in a signal escaped every handler. */
  @Test
  void anErrorThrownByASignalIsAnInternalErrorOfThePolicy() {
    Classifiers overflowing = complexityOnly(request -> {
      throw new StackOverflowError();
    });
    RouteResult.Rejected result = as(RouteResult.Rejected.class,
        router(FAIL_CLOSE + "rules: [{name: c, tier: large, complexity: {min: 0.5}}]\n",
            overflowing, RouterSettings.DEFAULT_DECISION_BUDGET).onBody(chatHeaders(), chat("auto", "hi")));

    assertThat(result.status()).isEqualTo(500);
    assertThat(result.reason()).isEqualTo("internal_error");
    assertThat(failures("internal_error", "reject")).isEqualTo(1);
  }

  /** #2: the regex and prompt from the issue, which hung java.util.regex, decide at once under RE2/J. */
  @Test
  void aCatastrophicRegexDecidesOnTheHostilePrompt() {
    RequestRouter router = router("rules: [{name: r, tier: large, regex: '(.*,){11}\\d'}]\n");

    RouteResult.Routed result = as(RouteResult.Routed.class,
        router.onBodyInline(chatHeaders(), chat("auto", "a,".repeat(60) + "!")));

    assertThat(result.setHeaders()).containsEntry(RequestRouter.DECISION_HEADER, "default");
  }

  /** #2: a scan too long for a transport thread is left for the workers, where it runs within the time budget. */
  @Test
  void aLongRegexScanGoesToTheWorkersAndStopsAtTheBudget() {
    String rules = FAIL_CLOSE + "rules: [{name: r, tier: large, regex: '(.*,){11}\\d'}]\n";
    byte[] longPrompt = chat("auto", "a,".repeat(200_000));

    assertThat(router(rules).onBodyInline(chatHeaders(), longPrompt)).as("refused inline")
        .isInstanceOf(PreparedRequest.class);
    RouteResult.Rejected timedOut = as(RouteResult.Rejected.class,
        router(rules, Classifiers.unavailable(), Duration.ZERO).onBody(chatHeaders(), longPrompt));
    assertThat(timedOut.status()).isEqualTo(503);
    assertThat(timedOut.reason()).isEqualTo("decision_timeout");
  }
}
