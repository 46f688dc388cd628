package dev.gearbox.router.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {
  @TempDir
  Path dir;

  private int validate(Path path) {
    CommandLine cli = new CommandLine(new GearboxRouter());
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute("validate", path.toString());
  }

  @Test
  void theQuickstartIsValid() {
    assertThat(validate(Path.of("..", "examples", "quickstart"))).isZero();
  }

  @Test
  void aPolicyOverMissingTiersOrWithABrokenRegexFails() throws Exception {
    Files.writeString(dir.resolve("tiers.yaml"), TIERS);
    Path policy = Files.writeString(dir.resolve("policy.yaml"), policy(""));
    assertThat(validate(dir)).isZero();
    assertThat(validate(policy)).as("tiers not among the files").isEqualTo(1);

    Files.writeString(policy, policy("rules:\n  - {name: bad, tier: small, regex: \"(open\"}\n"));
    assertThat(validate(dir)).isEqualTo(1);
  }

  @Test
  void tiersOutOfRankOrderFail() throws Exception {
    Files.writeString(dir.resolve("tiers.yaml"), TIERS);
    String outOfOrder = policy("").replace("[small, medium, large]", "[small, large, medium]");
    Files.writeString(dir.resolve("policy.yaml"), outOfOrder);

    assertThat(validate(dir)).isEqualTo(1);
  }
}
