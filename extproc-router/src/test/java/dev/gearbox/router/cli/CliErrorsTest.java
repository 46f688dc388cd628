package dev.gearbox.router.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each simple user error is one line on stderr and exit code 2, never a stack trace. */
class CliErrorsTest {
  @TempDir
  Path dir;

  private record Run(int exitCode, String err) {
  }

  private static Run run(String... args) {
    CommandLine cli = GearboxRouter.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return new Run(cli.execute(args), err.toString());
  }

  private static void assertOneLine(Run run, String message) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).containsExactly("error: " + message);
  }

  @Test
  void aMissingBodyFile() {
    assertOneLine(run("route", "--body", dir.resolve("missing.json").toString()),
        "no such file: " + dir.resolve("missing.json") + " (--body)");
  }

  @Test
  void aMissingPolicy() {
    assertOneLine(run("route", "--policy", "nowhere", "hello"), "no such file or directory: nowhere (--policy)");
    assertOneLine(run("validate", "nowhere"), "no such file or directory: nowhere (FILE|DIR)");
    assertOneLine(run("replay", "--policy", "nowhere", "--input", "../examples/prompts/sample.jsonl"),
        "no such file or directory: nowhere (--policy)");
    assertOneLine(run("calibrate", "--policy", "../examples/quickstart", "--input", "nowhere.jsonl", "--shares",
        "35,25,40"), "no such file or directory: nowhere.jsonl (--input)");
    assertOneLine(run("serve", "--policy", "nowhere"), "no such file or directory: nowhere (--policy)");
  }

  @Test
  void aBadShareList() {
    Run run = run("calibrate", "--policy", "p", "--input", "i", "--shares", "50,thirty,20");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("error: Invalid value for option '--shares'").contains("'thirty'", "calibrate --help");
  }

  @Test
  void sharesThatDoNotFitThePolicy() {
    String[] calibrate = {"calibrate", "--policy", "../examples/quickstart", "--input",
        "../examples/prompts/sample.jsonl", "--shares"};
    assertOneLine(run(concat(calibrate, "50,50")),
        "--shares 50,50: give one share per tier [small, medium, frontier]");
    assertOneLine(run(concat(calibrate, "50,30,30.5")),
        "--shares 50,30,30.5: non-negative percentages adding up to 100, e.g. 50,30,20");
  }

  private static String[] concat(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  @Test
  void trainingOnNoLabelledPrompt() throws Exception {
    Path unlabelled = java.nio.file.Files.writeString(dir.resolve("p.jsonl"), "{\"prompt\": \"hi\", \"tier\": \"small\"}\n");

    assertOneLine(run("train", "--evaluate", unlabelled.toString(), "--no-baselines", "--no-write"),
        "no labelled prompt in " + unlabelled + " (--evaluate): each line needs a \"prompt\" and a \"tier\" of 1 to 3");
  }

  @Test
  void neitherPromptNorBody() {
    assertOneLine(run("route"), "give either a PROMPT or --body FILE");
  }

  @Test
  void serveWithoutPolicyOrNamespacesSaysWhatToDo() {
    Run run = run("serve", "--port", "0", "--admin-port", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().asString()
        .contains("--namespace", "--all-namespaces", "--policy examples/quickstart");
  }

  @Test
  void aBusyPortIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Run run = run("serve", "--policy", "../examples/quickstart", "--bind", "127.0.0.1", "--port",
          Integer.toString(port), "--admin-bind", "127.0.0.1", "--admin-port", "0", "--xds-port", "0");

      assertOneLine(run, "port " + port + " on 127.0.0.1 is already in use (--port)");
      Run admin = run("serve", "--policy", "../examples/quickstart", "--bind", "127.0.0.1", "--port", "0",
          "--admin-bind", "127.0.0.1", "--admin-port", Integer.toString(port), "--xds-port", "0");
      assertOneLine(admin, "port " + port + " on 127.0.0.1 is already in use (--admin-port)");
    }
  }

  @Test
  void theSimulatorsBadSettingsAndBusyPort() throws Exception {
    assertOneLine(run("simulate", "--model", "small", "--port", "0", "--failure-rate", "1.5"),
        "failure rate must be between 0 and 1, got 1.5");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertOneLine(run("simulate", "--model", "small", "--port", Integer.toString(port)),
          "port " + port + " on 127.0.0.1 is already in use (--port)");
    }
  }

  @Test
  void aClusterIsConfiguredByKubeconfigServiceHostOrHomeConfig() {
    Path home = dir;
    assertThat(ClusterAccess.configured(Map.of(), home)).isFalse();
    assertThat(ClusterAccess.configured(Map.of("KUBECONFIG", "/etc/kube"), home)).isTrue();
    assertThat(ClusterAccess.configured(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), home)).isTrue();
  }

  @Test
  void aBugStillThrows() {
    assertThat(CliErrors.userMessage(new IllegalStateException("bug"))).isNull();
  }
}
