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
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Finds the complexity thresholds that split a sample of traffic into target shares. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Score the prompts of a JSONL file (labels not needed) with the complexity estimator and print the "
        + "thresholds that send the given shares of them to each of the policy's tiers; --write puts them into the "
        + "policy YAML.")
final class CalibrateCommand implements Callable<Integer> {
  @Option(names = "--policy", required = true, paramLabel = "DIR|FILE", description = "Policy YAML.")
  Path policy;

  @Option(names = "--input", required = true, paramLabel = "JSONL", description = "Prompts: {\"prompt\": ...} a line.")
  Path input;

  @Option(names = "--shares", required = true, split = ",", paramLabel = "PERCENT",
      description = "Target share per tier, cheapest first, adding up to 100, e.g. 50,30,20.")
  List<Integer> shares;

  @Option(names = "--name", paramLabel = "NAME", description = "The RoutingPolicy to calibrate when there are several.")
  String name;

  @Option(names = "--write", description = "Write the thresholds into the policy's spec.complexity.")
  boolean write;

  @Override
  public Integer call() throws Exception {
    ResourceFiles.Loaded loaded = new ResourceFiles("default").load(policy);
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
      System.err.println("give one share per tier " + target.getSpec().tiers());
      return 2;
    }
    ComplexityEstimator estimator = (ComplexityEstimator) Wiring.classifiers()
        .estimator("calibrate", new Complexity(null, shares), tiers, target.getSpec().embedding(),
            PolicyData.none().in(target.getMetadata().getNamespace()));
    PromptFile.Read read = PromptFile.read(input);
    read.errors().forEach(System.err::println);
    double[] scores = read.prompts().stream()
        .mapToDouble(p -> estimator.score(PromptRequests.context(p.text())).value()).toArray();
    double[] thresholds = Calibration.thresholds(scores, shares);
    System.out.printf(Locale.ROOT, "%d prompts, shares %s over tiers %s%n", scores.length, shares,
        target.getSpec().tiers());
    String values = Arrays.toString(Arrays.stream(thresholds)
        .mapToObj(t -> String.format(Locale.ROOT, "%.4f", t)).toArray());
    System.out.println("complexity:\n  thresholds: " + values);
    if (write) {
      Path file = fileOf(target.getMetadata().getName(), thresholds);
      System.out.println(file == null ? "could not find the policy's file to write" : "wrote " + file);
      return file == null ? 1 : 0;
    }
    return 0;
  }

  private Path fileOf(String policyName, double[] thresholds) throws IOException {
    List<Path> candidates;
    if (Files.isDirectory(policy)) {
      try (Stream<Path> files = Files.list(policy)) {
        candidates = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
            .toList();
      }
    } else {
      candidates = List.of(policy);
    }
    for (Path file : candidates) {
      String edited = ThresholdsEditor.withThresholds(Files.readString(file), policyName, thresholds);
      if (edited != null) {
        Files.writeString(file, edited, StandardCharsets.UTF_8);
        return file;
      }
    }
    return null;
  }
}
