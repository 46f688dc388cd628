package dev.gearbox.router.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** route works from any directory: without --policy it routes with the quickstart bundled in the jar. */
class RouteCommandTest {
  @Test
  void withoutAPolicyItUsesTheBundledQuickstart() {
    // The tests run in extproc-router/, where the old default examples/quickstart does not exist.
    assertThat(Files.exists(Path.of("examples", "quickstart"))).isFalse();
    picocli.CommandLine cli = GearboxRouter.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("route", "--body", "../examples/request.json")).isZero();
    assertThat(err.toString()).isEmpty();
  }
}
