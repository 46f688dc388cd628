package dev.gearbox.router.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The two inputs of the offline commands that run prompts through a policy (replay, calibrate), declared once. */
final class PolicyAndPrompts {
  @Option(names = "--policy", required = true, paramLabel = "DIR|FILE", description = "Policy YAML.")
  Path policy;

  @Option(names = "--input", required = true, paramLabel = "JSONL",
      description = "Prompts, one JSON object a line: {\"prompt\": ...}, optional \"tier\" and \"source\".")
  Path input;

  /** Both must exist: a missing one is one line and exit 2. */
  void requireExisting() {
    CliErrors.existing(policy, "--policy");
    CliErrors.existing(input, "--input");
  }
}
