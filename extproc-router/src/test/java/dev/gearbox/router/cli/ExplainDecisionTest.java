package dev.gearbox.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code route --json} and {@code replay --decisions} on a policy with a rule and the shipped estimator. */
class ExplainDecisionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @BeforeEach
  void writePolicy() throws Exception {
    Files.writeString(dir.resolve("tiers.yaml"), TIERS);
    Files.writeString(dir.resolve("policy.yaml"), policy("""
        rules:
          - {name: proof, tier: large, keywords: {any: [prove]}}
        complexity: {thresholds: [0.5, 0.6]}
        """));
  }

  @Test
  void routeJsonExplainsAnEstimatorDecision() throws Exception {
    JsonNode decision = JSON.readTree(run("route", "--json", "--policy", dir.toString(), "What time is it in Tokyo?"));

    assertThat(decision.get("outcome").asText()).isEqualTo("route");
    assertThat(decision.get("tier").asText()).isIn("small", "medium", "large");
    assertThat(decision.get("decidedBy").asText()).isEqualTo("complexity");
    assertThat(decision.get("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(decision.get("probabilities").size()).isEqualTo(3);
    assertThat(decision.get("probabilities").has("medium")).isTrue();
    assertThat(decision.get("thresholds").toString()).isEqualTo("[0.5,0.6]");
    assertThat(decision.get("signals").toString()).isEqualTo("[\"rule:proof\",\"complexity\"]");
  }

  @Test
  void routeJsonExplainsARuleDecisionWithoutAScore() throws Exception {
    JsonNode decision = JSON.readTree(run("route", "--json", "--policy", dir.toString(), "prove that 17 is prime"));

    assertThat(decision.get("tier").asText()).isEqualTo("large");
    assertThat(decision.get("decidedBy").asText()).isEqualTo("rule:proof");
    assertThat(decision.get("score").isNull()).isTrue();
    assertThat(decision.get("signals").toString()).isEqualTo("[\"rule:proof\"]");
  }

  @Test
  void replayDecisionsWritesOneLinePerInputLineInOrder() throws Exception {
    Path input = Files.writeString(dir.resolve("prompts.jsonl"), String.join("\n",
        "{\"prompt\": \"what is the capital of peru\", \"tier\": 1}",
        "{\"prompt\": \"prove that 17 is prime\"}",
        "not json",
        "{\"prompt\": \"write a haiku about rain\"}"));
    Path decisions = dir.resolve("decisions.jsonl");

    run("replay", "--policy", dir.toString(), "--input", input.toString(), "--decisions", decisions.toString());

    List<JsonNode> lines = Files.readAllLines(decisions).stream().map(ExplainDecisionTest::parse).toList();
    assertThat(lines).extracting(l -> l.get("line").asInt()).containsExactly(1, 2, 3, 4);
    assertThat(lines.get(0).get("decidedBy").asText()).isEqualTo("complexity");
    assertThat(lines.get(0).get("score").isNumber()).isTrue();
    assertThat(lines.get(1).get("tier").asText()).isEqualTo("large");
    assertThat(lines.get(1).get("score").isNull()).isTrue();
    assertThat(lines.get(2).get("error").asText()).isEqualTo("not valid JSON");
    assertThat(lines.get(3).get("tier").isTextual()).isTrue();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError(line, e);
    }
  }

  /** Runs the CLI in process and returns what it printed on standard output. */
  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = new CommandLine(new GearboxRouter());
      cli.setErr(new PrintWriter(new StringWriter()));
      int exit = cli.execute(args);
      assertThat(exit).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
