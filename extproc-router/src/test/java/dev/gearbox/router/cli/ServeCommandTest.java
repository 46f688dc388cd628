package dev.gearbox.router.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18 #5: in a cluster the router must be told whose policies it obeys; it no longer assumes everyone's. */
class ServeCommandTest {

  private static String failureOf(String... args) {
    CommandLine cli = GearboxRouter.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).isEqualTo(2);
    return err.toString();
  }

  @Test
  void clusterModeNeedsTheNamespacesItObeys() {
    assertThat(failureOf("serve", "--port", "0", "--admin-port", "0"))
        .contains("cluster mode needs --namespace", "--all-namespaces");
    assertThat(failureOf("serve", "--namespace", "team", "--all-namespaces", "--port", "0", "--admin-port", "0"))
        .contains("cluster mode needs --namespace");
  }

  @Test
  void secretFilesAreForFileModeOnly() {
    assertThat(failureOf("serve", "--namespace", "team", "--secrets-dir", "/tmp", "--port", "0", "--admin-port", "0",
        "--xds-port", "0")).contains("--secrets-dir is for file mode");
  }
}
