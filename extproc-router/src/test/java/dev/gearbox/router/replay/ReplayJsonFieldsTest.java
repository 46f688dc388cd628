package dev.gearbox.router.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.router.classifier.PromptFile;
import dev.gearbox.router.routing.PolicySnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the field names, nesting and value types of {@code replay --json}: users and scripts read them. The expected
 * sets were captured from the ObjectNode-built summary that {@link ReplayReport} replaced.
 */
class ReplayJsonFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TIERS = List.of("small", "medium", "large");
  private static final List<String> DATA_KEYED = List.of("tierShares", "recall", "decidedBy", "perSource",
      "lastWindowShares", "targetShares");

  @Test
  void aLabelledTrackReplayWithRunInfoAndMisroutedPromptsKeepsItsFields() throws Exception {
    PolicySnapshot track = ReplayPolicies.track();
    // the same prompt under two labels: one of them is misrouted whatever the estimator says
    List<PromptFile.Prompt> prompts = List.of(
        new PromptFile.Prompt(1, "what is the capital of France", "1", "chat"),
        new PromptFile.Prompt(2, "what is the capital of France", "3", "chat"),
        new PromptFile.Prompt(3, "prove that there are infinitely many primes", "large", "maths"),
        new PromptFile.Prompt(4, "an unlabelled prompt", null, null));
    Replayer.Run run = new Replayer(() -> track, "auto").run(prompts);

    JsonNode summary = json(run, List.of("prompts.jsonl line 5: not valid JSON"), new double[] {0.3, 0.6});

    assertThat(summary.fieldNames()).toIterable().containsExactly(
        "policy", "tiers", "total", "failed", "tierShares", "relativeCost", "labelled", "accuracy", "underRouted",
        "overRouted", "recall", "confusion", "decidedBy", "latencyMs", "perSource", "malformedLines", "track",
        "version", "generated", "thresholds", "inSample", "misrouted");
    assertThat(paths(summary)).containsExactly(
        ":object", "accuracy:float", "confusion.columns:string", "confusion.matrix:array",
        "confusion.matrix[]:array", "confusion.matrix[][]:integer", "confusion.rows:string", "confusion:object",
        "decidedBy.*:float", "decidedBy:object", "failed:integer", "generated:string", "inSample:integer",
        "labelled:integer", "latencyMs.histogram:array", "latencyMs.histogram[].count:integer",
        "latencyMs.histogram[].le:float", "latencyMs.histogram[].le:string", "latencyMs.histogram[]:object",
        "latencyMs.max:float", "latencyMs.mean:float", "latencyMs.p50:float", "latencyMs.p99:float",
        "latencyMs:object", "malformedLines:array", "malformedLines[]:string", "misrouted:array",
        "misrouted[].decidedBy:string", "misrouted[].label:string", "misrouted[].line:integer",
        "misrouted[].prompt:string", "misrouted[].routed:string", "misrouted[]:object", "overRouted:float",
        "perSource.*.accuracy:float", "perSource.*.confusion.columns:string", "perSource.*.confusion.matrix:array",
        "perSource.*.confusion.matrix[]:array", "perSource.*.confusion.matrix[][]:integer",
        "perSource.*.confusion.rows:string", "perSource.*.confusion:object", "perSource.*.failed:integer",
        "perSource.*.labelled:integer", "perSource.*.overRouted:float", "perSource.*.recall.*:float",
        "perSource.*.recall:object", "perSource.*.relativeCost:float", "perSource.*.tierShares.*:float",
        "perSource.*.tierShares:object", "perSource.*.total:integer", "perSource.*.underRouted:float",
        "perSource.*:object", "perSource:object", "policy:string", "recall.*:float", "recall:object",
        "relativeCost:float", "thresholds:array", "thresholds[]:float", "tierShares.*:float", "tierShares:object",
        "tiers:array", "tiers[]:string", "total:integer", "track.lastWindowShares.*:float",
        "track.lastWindowShares:object", "track.moves:integer", "track.targetShares.*:float",
        "track.targetShares:object", "track.thresholds:array", "track.thresholds[].prompts:integer",
        "track.thresholds[].thresholds:array", "track.thresholds[].thresholds[]:float", "track.thresholds[]:object",
        "track.windowSize:integer", "track:object", "underRouted:float", "version:string");
  }

  @Test
  void anUnlabelledReplayWithoutThresholdsKeepsItsNulls() throws Exception {
    Replayer.Run run = new Replayer(() -> ReplayPolicies.RULES, "auto").run(List.of(
        new PromptFile.Prompt(1, "hi there", null, "chat"),
        new PromptFile.Prompt(2, "an unlabelled question about nothing in particular, long enough", null, null)));

    JsonNode summary = json(run, List.of(), null);

    assertThat(paths(summary)).containsExactly(
        ":object", "accuracy:null", "confusion:null", "decidedBy.*:float", "decidedBy:object", "failed:integer",
        "generated:string", "inSample:integer", "labelled:integer", "latencyMs.histogram:array",
        "latencyMs.histogram[].count:integer", "latencyMs.histogram[].le:float", "latencyMs.histogram[].le:string",
        "latencyMs.histogram[]:object", "latencyMs.max:float", "latencyMs.mean:float", "latencyMs.p50:float",
        "latencyMs.p99:float", "latencyMs:object", "malformedLines:array", "misrouted:array", "overRouted:null",
        "perSource.*.accuracy:null", "perSource.*.confusion:null", "perSource.*.failed:integer",
        "perSource.*.labelled:integer", "perSource.*.overRouted:null", "perSource.*.relativeCost:float",
        "perSource.*.tierShares.*:float", "perSource.*.tierShares:object", "perSource.*.total:integer",
        "perSource.*.underRouted:null", "perSource.*:object", "perSource:object", "policy:string",
        "relativeCost:float", "thresholds:null", "tierShares.*:float", "tierShares:object", "tiers:array",
        "tiers[]:string", "total:integer", "underRouted:null", "version:string");
  }

  /** The summary of the run as {@code replay --json} writes it: with run info, Track and misrouted prompts. */
  private static JsonNode json(Replayer.Run run, List<String> malformed, double[] thresholds) throws Exception {
    ReplayReport report = new ReplaySummary(run.policy().id(), TIERS, run.records(), malformed)
        .track(run.track(), run.policy().estimator() == null ? null : run.policy().estimator().shares())
        .runInfo("9.9.9", Instant.parse("2026-01-02T03:04:05Z"), thresholds, 1)
        .misrouted(Map.of(1, "what is the capital of France", 2, "what is the capital of France"))
        .report();
    return JSON.readTree(JSON.writeValueAsString(report));
  }

  /**
   * Every node as its path and JSON type, sorted; array items are [], and the keys of maps keyed by data (tiers,
   * sources, what decided) are *.
   */
  private static TreeSet<String> paths(JsonNode node) {
    TreeSet<String> paths = new TreeSet<>();
    walk("", node, paths);
    return paths;
  }

  private static void walk(String path, JsonNode node, Set<String> paths) {
    String type = node.isIntegralNumber() ? "integer" : node.isNumber() ? "float"
        : node.getNodeType().name().toLowerCase(Locale.ROOT);
    paths.add(path + ":" + type);
    if (node.isObject()) {
      boolean byData = DATA_KEYED.stream().anyMatch(path::endsWith);
      node.fields().forEachRemaining(e -> {
        String key = byData ? "*" : e.getKey();
        walk(path.isEmpty() ? key : path + "." + key, e.getValue(), paths);
      });
    } else if (node.isArray()) {
      node.forEach(item -> walk(path + "[]", item, paths));
    }
  }
}
