package dev.gearbox.router.classifier;

import dev.gearbox.router.Fixtures;
import dev.gearbox.router.policy.PolicyFiles;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.SessionStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** File mode: a policy's own weights and calibration sample, read beside its YAML; bad weights keep the last good. */
class PolicyWeightsTest {
  private static final List<String> SAMPLE = List.of("hi", "What time is it in Tokyo?",
      "Explain how TCP congestion control works, with the main algorithms compared",
      "Prove that every planar graph is five-colourable and give an efficient algorithm that finds a colouring");
  private static final ModelClassifiers classifiers = BundledClassifiers.get();

  @TempDir
  Path dir;

  private PolicyFiles files(String complexity) throws Exception {
    Files.writeString(dir.resolve("fleet.yaml"), Fixtures.TIERS + "---\n" + Fixtures.policy(complexity));
    return new PolicyFiles(dir, "team", classifiers, new SessionStores());
  }

  @Test
  void gzippedWeightsBesideThePolicyLoadAndBadOnesKeepTheLastGood() throws Exception {
    ComplexityWeights.bundled().write(dir.resolve("estimator.json.gz"));
    PolicyFiles files = files("""
        complexity:
          targetShares: [35, 25, 40]
          weights: {file: estimator.json.gz}
        """);
    AtomicInteger errors = new AtomicInteger();
    SnapshotHolder holder = new SnapshotHolder(errors::incrementAndGet);

    holder.apply(files.load(holder.get()));
    assertThat(holder.get().policies()).hasSize(1);
    assertThat(holder.failedPolicies()).isEmpty();
    var good = holder.get().policies().get(0);

    String older = Files.readString(Path.of(ComplexityWeights.class.getClassLoader()
        .getResource(ComplexityWeights.RESOURCE).toURI())).replace("\"version\":3", "\"version\":2");
    Files.writeString(dir.resolve("estimator.json.gz"), older); // not gzipped any more, and the wrong version
    holder.apply(files.load(holder.get()));

    assertThat(errors).hasValue(1);
    assertThat(holder.get().policies()).containsExactly(good);
    assertThat(holder.failedPolicies().get("team/auto"))
        .contains("weights estimator.json.gz", "format version 2, this router reads version 3");
  }

  @Test
  void missingWeightsAndConfigMapsInFileModeAreClearErrors() throws Exception {
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    holder.apply(files("complexity: {thresholds: [0.3, 0.6], weights: {file: nowhere.json}}").load(holder.get()));
    assertThat(holder.failedPolicies().get("team/auto")).contains("nowhere.json does not exist");

    holder.apply(files("complexity: {thresholds: [0.3, 0.6], weights: {configMap: w, key: k}}").load(holder.get()));
    assertThat(holder.failedPolicies().get("team/auto"))
        .contains("configmap/w/k", "ConfigMaps are read in cluster mode only");
  }

  @Test
  void aSampleTurnsTheSharesIntoThresholdsOverItsScores() throws Exception {
    Files.write(dir.resolve("sample.jsonl"), SAMPLE.stream().map(p -> "{\"prompt\": \"" + p + "\"}").toList());
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    holder.apply(files("complexity: {targetShares: [50, 25, 25], sample: {file: sample.jsonl}}").load(holder.get()));

    ComplexityEstimator estimator = (ComplexityEstimator) holder.get().policies().get(0).estimator();
    ComplexityScorer scorer = new ComplexityScorer(ComplexityWeights.bundled(),
        new ComplexityFeatures(StaticEmbeddings.bundled(), ComplexityWeights.bundled().encoder().buckets()));
    double[] scores = SAMPLE.stream().mapToDouble(p -> scorer.score(p).value()).sorted().toArray();
    double[] thresholds = estimator.thresholds();

    assertThat(thresholds[0]).as(Arrays.toString(scores)).isGreaterThan(scores[1]).isLessThan(scores[2]);
    assertThat(thresholds[1]).isGreaterThan(scores[2]).isLessThan(scores[3]);
  }
}
