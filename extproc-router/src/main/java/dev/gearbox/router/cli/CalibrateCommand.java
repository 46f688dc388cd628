package dev.gearbox.router.cli;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.router.routing.PolicyData;
import dev.gearbox.router.classifier.Calibration;
import dev.gearbox.router.classifier.ComplexityEstimator;
import dev.gearbox.router.classifier.PromptFile;
import dev.gearbox.router.replay.ThresholdsEditor;
import dev.gearbox.router.replay.PromptRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Finds the complexity thresholds that split a sample of traffic into target shares. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Score the prompts of a JSONL file (labels not needed) with the complexity estimator and print the "
        + "thresholds that send the given shares of them to each of the policy's tiers; --write puts them into the "
        + "policy YAML.")
final class CalibrateCommand implements Callable<Integer> {
  @Mixin
  PolicyAndPrompts files = new PolicyAndPrompts();

  @Option(names = "--shares", required = true, split = ",", paramLabel = "PERCENT",
      description = "Target share per tier, cheapest first, adding up to 100, e.g. 50,30,20 or 33.3,33.3,33.4.")
  List<Double> shares;

  @Option(names = "--name", paramLabel = "NAME", description = "The RoutingPolicy to calibrate when there are several.")
  String name;

  @Option(names = "--write", description = "Write the thresholds into the policy's spec.complexity.")
  boolean write;

  @Override
  public Integer call() throws Exception {
    files.requireExisting();
    ResourceFiles.Loaded loaded = new ResourceFiles("default").load(files.policy);
    loaded.errors().forEach(System.err::println);
    List<RoutingPolicy> policies = loaded.policies().stream()
        .filter(p -> name == null || p.getMetadata().getName().equals(name)).toList();
    if (!loaded.ok() || policies.size() != 1) {
      System.err.println(policies.isEmpty() ? "no RoutingPolicy found" : "several RoutingPolicies: pick one with --name");
      return 1;
    }
    RoutingPolicy target = policies.get(0);
    int tiers = target.getSpec().tiers().size();
    if (shares.size() != tiers) {
      throw new UsageError("--shares " + shareList() + ": give one share per tier " + target.getSpec().tiers());
    }
    if (Math.abs(shares.stream().mapToDouble(Double::doubleValue).sum() - 100) > 1e-6
        || shares.stream().anyMatch(s -> s < 0)) {
      throw new UsageError("--shares " + shareList() + ": non-negative percentages adding up to 100, e.g. 50,30,20");
    }
    // Only the estimator's score is used here; its thresholds are placeholders.
    List<Double> placeholder = IntStream.range(1, tiers).mapToObj(i -> (double) i / tiers).toList();
    ComplexityEstimator estimator = (ComplexityEstimator) Wiring.classifiers()
        .estimator("calibrate", new Complexity(placeholder, null), tiers, target.getSpec().embedding(),
            PolicyData.none().in(target.getMetadata().getNamespace()));
    PromptFile.Read read = PromptFile.read(files.input);
    read.errors().forEach(System.err::println);
    double[] scores = read.prompts().stream()
        .mapToDouble(p -> estimator.score(PromptRequests.context(p.text())).value()).toArray();
    double[] thresholds = Calibration.thresholds(scores, shares);
    System.out.printf(Locale.ROOT, "%d prompts, shares %s over tiers %s%n", scores.length, shareList(),
        target.getSpec().tiers());
    String values = Arrays.toString(Arrays.stream(thresholds)
        .mapToObj(t -> String.format(Locale.ROOT, "%.4f", t)).toArray());
    System.out.println("complexity:\n  thresholds: " + values);
    if (write) {
      Path file = fileOf(target.getMetadata().getName(), thresholds, comment(scores.length, target));
      System.out.println(file == null ? "could not find the policy's file to write" : "wrote " + file);
      return file == null ? 1 : 0;
    }
    return 0;
  }

  /** The comment written above the thresholds: what they were calibrated on and how to redo it. */
  private List<String> comment(int prompts, RoutingPolicy target) {
    return List.of(
        "Shares " + shareList().replace(',', '/') + " over " + target.getSpec().tiers() + ", calibrated by gearbox-router "
            + "calibrate on " + prompts + " prompts of " + files.input.getFileName() + " (" + LocalDate.now() + ").",
        "Recalibrate on a sample of your own traffic:",
        "  gearbox-router calibrate --policy " + files.policy + " --input your-traffic.jsonl --shares " + shareList()
            + " --write");
  }

  /** The shares as given, without a ".0" on whole numbers: 35,25,40 or 33.3,33.3,33.4. */
  private String shareList() {
    return shares.stream().map(s -> s == Math.rint(s) ? Long.toString(s.longValue()) : s.toString())
        .collect(Collectors.joining(","));
  }

  private Path fileOf(String policyName, double[] thresholds, List<String> comment) throws IOException {
    List<Path> candidates;
    if (Files.isDirectory(files.policy)) {
      try (Stream<Path> listed = Files.list(files.policy)) {
        candidates = listed.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
            .toList();
      }
    } else {
      candidates = List.of(files.policy);
    }
    for (Path file : candidates) {
      String edited = ThresholdsEditor.withThresholds(Files.readString(file), policyName, thresholds, comment);
      if (edited != null) {
        Files.writeString(file, edited, StandardCharsets.UTF_8);
        return file;
      }
    }
    return null;
  }
}
