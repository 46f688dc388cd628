package dev.gearbox.router.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.router.classifier.ComplexityEstimator;
import dev.gearbox.router.classifier.PromptFile;
import dev.gearbox.router.policy.PolicyFiles;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.replay.DecisionLog;
import dev.gearbox.router.replay.ReplayHtml;
import dev.gearbox.router.replay.ReplayReport;
import dev.gearbox.router.replay.ReplaySummary;
import dev.gearbox.router.replay.ReplayTable;
import dev.gearbox.router.replay.Replayer;
import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.SessionStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** Routes a file of prompts offline through the server's code and reports shares, quality, cost and latency. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Route every prompt of a JSONL file ({\"prompt\", optional \"tier\" and \"source\"}) through the "
        + "policy, offline, with the code the server runs; report tier shares, decision latency, relative cost and, "
        + "for labelled lines, accuracy, under/over-routing and a confusion matrix, overall and per source.")
final class ReplayCommand implements Callable<Integer> {
  @Mixin
  PolicyAndPrompts files = new PolicyAndPrompts();

  @Option(names = "--model", defaultValue = "auto",
      description = "Model the replayed requests ask for. Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
      description = "Route the prompts N times first, unmeasured, so latency figures are those of a warm server "
          + "rather than of the JIT compiler's first pass. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
  Path html;

  @Option(names = "--html-prompts", description = "Also list the misrouted labelled prompts, with their text, in "
      + "the HTML report (and --json). Off by default: prompts may be sensitive.")
  boolean htmlPrompts;

  @Option(names = "--decisions", paramLabel = "FILE",
      description = "Also write one JSON line per input line, in input order: line, tier, decidedBy, score "
          + "(null where no estimator ran), error (for a malformed line).")
  Path decisions;

  @Override
  public Integer call() throws Exception {
    files.requireExisting();
    SnapshotHolder snapshots = new SnapshotHolder(() -> { });
    snapshots.apply(new PolicyFiles(files.policy, "default", Wiring.classifiers(), new SessionStores())
        .load(snapshots.get()));
    if (snapshots.get().isEmpty()) {
      return 1;
    }
    PromptFile.Read read = PromptFile.read(files.input);
    Replayer replayer = new Replayer(snapshots, model);
    for (int pass = 0; pass < warmup; pass++) {
      replayer.run(read.prompts());
    }
    Replayer.Run run = replayer.run(read.prompts());
    List<String> problems = new ArrayList<>(read.errors());
    problems.addAll(run.problems());
    problems.forEach(System.err::println);
    if (run.policy() == null) {
      System.err.println("no prompt was routed: does the policy govern model \"" + model + "\"?");
      return 1;
    }
    long inSample = warnWhenInSample(run.policy(), read.prompts());
    if (decisions != null) {
      try (Writer out = Files.newBufferedWriter(decisions, StandardCharsets.UTF_8)) {
        DecisionLog.write(run.decisions(), read.malformed(), out);
      }
      System.err.println("wrote " + decisions);
    }
    List<String> tiers = run.policy().tiers().stream().map(t -> t.name()).toList();
    ReplaySummary summary = new ReplaySummary(run.policy().id(), tiers, run.records(), read.errors())
        .track(run.track(), run.policy().estimator() == null ? null : run.policy().estimator().shares())
        .runInfo(Version.get(), Instant.now(),
            run.policy().estimator() instanceof ComplexityEstimator e ? e.thresholds() : null, inSample);
    if (htmlPrompts) {
      summary.misrouted(read.prompts().stream()
          .collect(Collectors.toMap(PromptFile.Prompt::line, PromptFile.Prompt::text, (a, b) -> a)));
    }
    ReplayReport report = summary.report();
    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(report));
    } else {
      ReplayTable.print(report, System.out);
    }
    if (html != null) {
      Files.writeString(html, ReplayHtml.render(report), StandardCharsets.UTF_8);
      System.err.println("wrote " + html);
    }
    return 0;
  }

  /** Accuracy on prompts the estimator was trained on says nothing about unfamiliar traffic: say so. */
  private static long warnWhenInSample(CompiledPolicy policy, List<PromptFile.Prompt> prompts) {
    if (!(policy.estimator() instanceof ComplexityEstimator estimator)) {
      return 0;
    }
    long seen = prompts.stream().filter(p -> estimator.weights().trainedOn(p.text())).count();
    if (seen > 0) {
      System.err.printf(Locale.ROOT, "warning: %d of %d prompts (%.0f%%) are among the estimator's training "
          + "prompts, so its accuracy on them is in-sample; measure on prompts it never saw%n", seen, prompts.size(),
          100.0 * seen / prompts.size());
    }
    return seen;
  }
}
