package dev.gearbox.router.routing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.chat;
import static dev.gearbox.router.Fixtures.chatHeaders;
import static dev.gearbox.router.Fixtures.policy;
import static dev.gearbox.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** Prompts reach the log only when the governing policy opts in (the router logs through slf4j-simple, to stderr). */
class PromptLoggingTest {
  private static final String PROMPT = "please prove that my secret-project-42 plan is sound";
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream original;

  @BeforeEach
  void captureStderr() {
    original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStderr() {
    System.setErr(original);
  }

  private String logAfterRouting(String specBody) {
    PolicySnapshot snapshot = snapshot(TIERS + "---\n" + policy(specBody));
    RequestRouter router = new RequestRouter(() -> snapshot, RouterSettings.defaults(), RouterEvents.NONE);
    RouteResult result = router.onBody(chatHeaders(), chat("auto", PROMPT));
    assertThat(result).isInstanceOf(RouteResult.Routed.class);
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aPromptIsNotLoggedByDefault() {
    assertThat(logAfterRouting("rules: [{name: hard, tier: large, keywords: {any: [prove]}}]"))
        .doesNotContain("secret-project-42");
  }

  @Test
  void aPolicyThatOptsInLogsThePromptWithItsDecision() {
    assertThat(logAfterRouting("logPrompts: true\nrules: [{name: hard, tier: large, keywords: {any: [prove]}}]"))
        .contains("sent to large (rule:hard)", PROMPT);
  }
}
