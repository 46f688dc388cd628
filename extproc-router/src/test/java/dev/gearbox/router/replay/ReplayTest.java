package dev.gearbox.router.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.router.Fixtures;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.router.classifier.PromptFile;
import dev.gearbox.router.cli.Wiring;
import dev.gearbox.router.routing.PolicySnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Replay over a rule-only policy (no model needed) and a small fixture with labelled, unlabelled and broken lines. */
class ReplayTest {
  private static final PolicySnapshot SNAPSHOT = Fixtures.snapshot(Fixtures.TIERS + "---\n" + Fixtures.policy("""
      rules:
        - {name: hard, tier: large, keywords: {any: [prove]}}
        - {name: short, tier: small, promptTokens: {max: 10}}
      """));

  @TempDir
  Path dir;

  /** The lines as a prompts file, replayed over the rule-only policy: the input read and the summary. */
  private record Replayed(PromptFile.Read read, Replayer.Run run, ObjectNode summary) {
  }

  private Replayed replay(String... lines) throws Exception {
    Path input = dir.resolve("prompts.jsonl");
    Files.writeString(input, String.join("\n", lines));
    PromptFile.Read read = PromptFile.read(input);
    Replayer.Run run = new Replayer(() -> SNAPSHOT, "auto").run(read.prompts());
    return new Replayed(read, run, ReplaySummary.of(run.policy().id(), List.of("small", "medium", "large"),
        run.records(), read.errors()));
  }

  @Test
  void theReportCountsSharesQualityAndSourcesAndSkipsMalformedLines() throws Exception {
    Replayed replayed = replay(
        "{\"prompt\": \"hi there\", \"tier\": 1, \"source\": \"chat\"}",
        "{\"prompt\": \"prove that 17 is prime\", \"tier\": 3, \"source\": \"maths\"}",
        "this line is not JSON",
        "{\"prompt\": \"please summarise this long meeting transcript for the whole team\", \"tier\": \"large\","
            + " \"source\": \"chat\"}",
        "",
        "{\"tier\": 2}",
        "{\"prompt\": \"what is two plus two\", \"tier\": 2, \"source\": \"maths\"}",
        "{\"prompt\": \"an unlabelled question about nothing in particular, long enough for medium\"}");
    PromptFile.Read read = replayed.read();
    JsonNode summary = replayed.summary();

    assertThat(read.errors()).containsExactly("prompts.jsonl line 3: not valid JSON",
        "prompts.jsonl line 6: no non-empty \"prompt\" string");
    assertThat(summary.get("total").asInt()).isEqualTo(5);
    assertThat(summary.get("labelled").asInt()).isEqualTo(4);
    assertThat(summary.get("tierShares").get("small").asDouble()).isCloseTo(0.4, within(1e-9));
    assertThat(summary.get("tierShares").get("medium").asDouble()).isCloseTo(0.4, within(1e-9));
    assertThat(summary.get("tierShares").get("large").asDouble()).isCloseTo(0.2, within(1e-9));
    // hi -> small (right), prove -> large (right), summarise (large) -> medium (under), two plus two (medium) -> small (under)
    assertThat(summary.get("accuracy").asDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(summary.get("underRouted").asDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(summary.get("overRouted").asDouble()).isCloseTo(0.0, within(1e-9));
    assertThat(summary.get("confusion").get("matrix").toString()).isEqualTo("[[1,0,0],[1,0,0],[0,1,1]]");
    assertThat(summary.get("decidedBy").has("rule:short")).isTrue();
    assertThat(summary.get("latencyMs").get("p99").asDouble()).isGreaterThan(0);
    assertThat(summary.get("relativeCost").asDouble()).isBetween(0.0, 1.0);
    assertThat(summary.get("perSource").get("maths").get("accuracy").asDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(summary.get("perSource").get("chat").get("underRouted").asDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(summary.get("malformedLines")).hasSize(2);
    assertThat(List.of("total", "tierShares", "accuracy", "underRouted", "overRouted", "relativeCost", "latencyMs",
        "confusion", "perSource")).allSatisfy(key -> assertThat(summary.has(key)).as(key).isTrue());
  }

  @Test
  void aTrackPolicyAdaptsDuringTheReplayAsARouterWould() throws Exception {
    PolicySnapshot track = Fixtures.snapshot(Fixtures.TIERS + "---\n" + Fixtures.policy("""
        complexity:
          targetShares: [34, 33, 33]
          calibration: Track
          tracking: {window: 200, minSample: 20, moveEvery: 10, maxStep: 0.05}
        """), Wiring.classifiers());
    // Every prompt looks easy, so the shipped thresholds would send nearly all of it to the small tier.
    List<PromptFile.Prompt> prompts = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      prompts.add(new PromptFile.Prompt(i + 1, "what is the weather like in city number " + i + " today", null, null));
    }

    Replayer.Run run = new Replayer(() -> track, "auto").run(prompts);
    ObjectNode summary = ReplaySummary.of(run.policy().id(), List.of("small", "medium", "large"), run.records(),
        List.of());
    ReplaySummary.addTrack(summary, List.of("small", "medium", "large"), run.track(),
        run.policy().estimator().shares());

    JsonNode points = summary.get("track").get("thresholds");
    assertThat(points.size()).isGreaterThanOrEqualTo(10);
    assertThat(points.get(points.size() - 1).get("thresholds")).isNotEqualTo(points.get(0).get("thresholds"));
    assertThat(summary.get("track").get("moves").asLong()).isPositive();
    assertThat(summary.get("track").get("lastWindowShares").get("large").asDouble()).isGreaterThan(0.15);
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ReplayTable.print(summary, new PrintStream(table, true, StandardCharsets.UTF_8));
    assertThat(table.toString(StandardCharsets.UTF_8)).contains("calibration Track:", "after    300 prompts");
    assertThat(ReplayHtml.render(summary)).contains("Calibration Track: thresholds over the replay");
  }

  @Test
  void theTableAndThePageRenderTheSummary() throws Exception {
    JsonNode summary = replay("{\"prompt\": \"hi\", \"tier\": 1, \"source\": \"a<b\"}").summary();

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ReplayTable.print(summary, new PrintStream(table, true, StandardCharsets.UTF_8));
    String page = ReplayHtml.render(summary);

    assertThat(table.toString(StandardCharsets.UTF_8)).contains("accuracy 100.0%", "small 100.0%", "a<b");
    assertThat(page).contains("<svg", "Confusion matrix", "a&lt;b").doesNotContain("http://", "https://", "<script");
  }

  @Test
  void thePageNamesItsRunSplitsTheDecisionsAndShowsPromptsOnlyWhenAsked() throws Exception {
    Replayed replayed = replay("{\"prompt\": \"hi there\", \"tier\": 1, \"source\": \"chat\"}",
        "{\"prompt\": \"what is two plus two\", \"tier\": 2, \"source\": \"maths\"}",
        "{\"prompt\": \"prove that 17 is prime\", \"tier\": 3, \"source\": \"maths\"}");
    List<String> tiers = List.of("small", "medium", "large");
    ObjectNode summary = replayed.summary();
    ReplaySummary.addRunInfo(summary, "9.9.9", java.time.Instant.parse("2026-01-02T03:04:05Z"),
        new double[] {0.25, 0.75}, 2);

    long counted = 0;
    for (JsonNode bucket : summary.get("latencyMs").get("histogram")) {
      counted += bucket.get("count").asLong();
    }
    assertThat(counted).isEqualTo(3);
    String page = ReplayHtml.render(summary);
    assertThat(page).contains("2026-01-02T03:04:05Z, gearbox-router 9.9.9", "2 of 3 prompts are among the estimator",
        "Thresholds in force", "[0.2500, 0.7500)", "Per source", "What decided", "rule:short", "Decision latency",
        "1  all  (").doesNotContain("two plus two", "Misrouted prompts");

    ReplaySummary.addMisrouted(summary, tiers, replayed.run().records(), java.util.Map.of(2, "what is two plus two"));
    assertThat(ReplayHtml.render(summary)).contains("Misrouted prompts", "what is two plus two")
        .doesNotContain("hi there", "prove that");
  }

  @Test
  void theScatterAxesFitTheData() {
    assertThat(ReplayCharts.axis(new double[] {0.61, 0.69}, 0.1)).containsExactly(0.5, 0.8);
    assertThat(ReplayCharts.axis(new double[] {0.0, 0.0}, 0.1)).containsExactly(0.0, 0.1);
    assertThat(ReplayCharts.axis(new double[] {0.97, 1.0}, 0.1)).containsExactly(0.9, 1.0);
  }
}
