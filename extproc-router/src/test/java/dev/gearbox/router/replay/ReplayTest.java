package dev.gearbox.router.replay;

import dev.gearbox.router.replay.ReplayReport.Metrics;
import dev.gearbox.router.classifier.PromptFile;
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
  @TempDir
  Path dir;

  /** The lines as a prompts file, replayed over the rule-only policy: the input read and the summary. */
  private record Replayed(PromptFile.Read read, Replayer.Run run, ReplaySummary summary) {
  }

  private Replayed replay(String... lines) throws Exception {
    Path input = dir.resolve("prompts.jsonl");
    Files.writeString(input, String.join("\n", lines));
    PromptFile.Read read = PromptFile.read(input);
    Replayer.Run run = new Replayer(() -> ReplayPolicies.RULES, "auto").run(read.prompts());
    return new Replayed(read, run, new ReplaySummary(run.policy().id(), List.of("small", "medium", "large"),
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
    ReplayReport report = replayed.summary().report();
    Metrics all = report.overall();

    assertThat(read.errors()).containsExactly("prompts.jsonl line 3: not valid JSON",
        "prompts.jsonl line 6: no non-empty \"prompt\" string");
    assertThat(all.total()).isEqualTo(5);
    assertThat(all.labelled()).isEqualTo(4);
    assertThat(all.tierShares().get("small")).isCloseTo(0.4, within(1e-9));
    assertThat(all.tierShares().get("medium")).isCloseTo(0.4, within(1e-9));
    assertThat(all.tierShares().get("large")).isCloseTo(0.2, within(1e-9));
    // hi -> small (right), prove -> large (right), summarise (large) -> medium (under), two plus two (medium) -> small (under)
    assertThat(all.accuracy()).isCloseTo(0.5, within(1e-9));
    assertThat(all.underRouted()).isCloseTo(0.5, within(1e-9));
    assertThat(all.overRouted()).isCloseTo(0.0, within(1e-9));
    assertThat(all.confusion().matrix()).isDeepEqualTo(new long[][] {{1, 0, 0}, {1, 0, 0}, {0, 1, 1}});
    assertThat(report.decidedBy()).containsKey("rule:short");
    assertThat(report.latencyMs().p99()).isGreaterThan(0);
    assertThat(all.relativeCost()).isBetween(0.0, 1.0);
    assertThat(report.perSource().get("maths").accuracy()).isCloseTo(0.5, within(1e-9));
    assertThat(report.perSource().get("chat").underRouted()).isCloseTo(0.5, within(1e-9));
    assertThat(report.malformedLines()).hasSize(2);
  }

  @Test
  void aTrackPolicyAdaptsDuringTheReplayAsARouterWould() throws Exception {
    PolicySnapshot track = ReplayPolicies.track();
    // Every prompt looks easy, so the shipped thresholds would send nearly all of it to the small tier.
    List<PromptFile.Prompt> prompts = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      prompts.add(new PromptFile.Prompt(i + 1, "what is the weather like in city number " + i + " today", null, null));
    }

    Replayer.Run run = new Replayer(() -> track, "auto").run(prompts);
    ReplayReport report = new ReplaySummary(run.policy().id(), List.of("small", "medium", "large"), run.records(),
        List.of()).track(run.track(), run.policy().estimator().shares()).report();

    List<Replayer.TrackPoint> points = report.track().thresholds();
    assertThat(points.size()).isGreaterThanOrEqualTo(10);
    assertThat(points.get(points.size() - 1).thresholds()).isNotEqualTo(points.get(0).thresholds());
    assertThat(report.track().moves()).isPositive();
    assertThat(report.track().lastWindowShares().get("large")).isGreaterThan(0.15);
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ReplayTable.print(report, new PrintStream(table, true, StandardCharsets.UTF_8));
    assertThat(table.toString(StandardCharsets.UTF_8)).contains("calibration Track:", "after    300 prompts");
    assertThat(ReplayHtml.render(report)).contains("Calibration Track: thresholds over the replay");
  }

  @Test
  void theTableAndThePageRenderTheSummary() throws Exception {
    ReplayReport report = replay("{\"prompt\": \"hi\", \"tier\": 1, \"source\": \"a<b\"}").summary().report();

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ReplayTable.print(report, new PrintStream(table, true, StandardCharsets.UTF_8));
    String page = ReplayHtml.render(report);

    assertThat(table.toString(StandardCharsets.UTF_8)).contains("accuracy 100.0%", "small 100.0%", "a<b");
    assertThat(page).contains("<svg", "Confusion matrix", "a&lt;b").doesNotContain("http://", "https://", "<script");
  }

  /** Review of issue 16: a source named "all" replaced the overall row of the page. */
  @Test
  void aSourceNamedAllIsShownBesideTheOverallRow() throws Exception {
    String page = ReplayHtml.render(replay("{\"prompt\": \"hi\", \"tier\": 1, \"source\": \"all\"}",
        "{\"prompt\": \"hello\", \"tier\": 1, \"source\": \"chat\"}").summary().report());

    String perSource = page.substring(page.indexOf("<h2>Per source</h2>"), page.indexOf("<h2>What decided</h2>"));
    assertThat(perSource).contains("<tr><th>all</th><td>2</td>", "<tr><th>all</th><td>1</td>", "<th>chat</th>");
  }

  @Test
  void thePageNamesItsRunSplitsTheDecisionsAndShowsPromptsOnlyWhenAsked() throws Exception {
    Replayed replayed = replay("{\"prompt\": \"hi there\", \"tier\": 1, \"source\": \"chat\"}",
        "{\"prompt\": \"what is two plus two\", \"tier\": 2, \"source\": \"maths\"}",
        "{\"prompt\": \"prove that 17 is prime\", \"tier\": 3, \"source\": \"maths\"}");
    ReplaySummary summary = replayed.summary().runInfo("9.9.9", java.time.Instant.parse("2026-01-02T03:04:05Z"),
        new double[] {0.25, 0.75}, 2);

    assertThat(summary.report().latencyMs().histogram().stream().mapToLong(ReplayReport.Bucket::count).sum())
        .isEqualTo(3);
    String page = ReplayHtml.render(summary.report());
    assertThat(page).contains("2026-01-02T03:04:05Z, gearbox-router 9.9.9", "2 of 3 prompts are among the estimator",
        "Thresholds in force", "[0.2500, 0.7500)", "Per source", "What decided", "rule:short", "Decision latency",
        "1  all  (").doesNotContain("two plus two", "Misrouted prompts");

    summary.misrouted(java.util.Map.of(2, "what is two plus two"));
    assertThat(ReplayHtml.render(summary.report())).contains("Misrouted prompts", "what is two plus two")
        .doesNotContain("hi there", "prove that");
  }

  @Test
  void theScatterAxesFitTheData() {
    assertThat(ReplayCharts.axis(new double[] {0.61, 0.69}, 0.1)).containsExactly(0.5, 0.8);
    assertThat(ReplayCharts.axis(new double[] {0.0, 0.0}, 0.1)).containsExactly(0.0, 0.1);
    assertThat(ReplayCharts.axis(new double[] {0.97, 1.0}, 0.1)).containsExactly(0.9, 1.0);
  }
}
