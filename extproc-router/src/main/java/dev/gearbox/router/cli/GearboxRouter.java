package dev.gearbox.router.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of gearbox-router.jar: one subcommand per job. */
@Command(name = "gearbox-router", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Envoy external processor that sends each LLM request to the cheapest tier that can answer it.",
    subcommands = {ServeCommand.class, RouteCommand.class, ValidateCommand.class, LoadCommand.class, TrainCommand.class, DistillCommand.class,
        CalibrateCommand.class, ReplayCommand.class, SimulateCommand.class,
        CommandLine.HelpCommand.class})
public final class GearboxRouter {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The CLI as main runs it: user errors as one line and exit code 2 (tests use it to see the same). */
  static CommandLine commandLine() {
    return CliErrors.install(new CommandLine(new GearboxRouter()));
  }
}
