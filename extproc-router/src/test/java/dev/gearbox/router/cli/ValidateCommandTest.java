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

  private final StringWriter err = new StringWriter();

  private int validate(Path path) {
    CommandLine cli = GearboxRouter.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
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
    assertThat(err.toString()).contains(policy + ":1: RoutingPolicy/auto: spec.tiers[0]: no ModelTier \"small\"");

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

  /** The small tier's endpoint replaced by {@code spec}: the errors validate prints for it. */
  private String smallTierWith(String spec) throws Exception {
    Path tiers = Files.writeString(dir.resolve("tiers.yaml"),
        TIERS.replace("endpoint: {url: \"http://small:8000/v1\"}", spec));
    assertThat(validate(tiers)).isEqualTo(1);
    return err.toString().replace(tiers.toString(), "tiers.yaml");
  }

  @Test
  void aTierWithBothServerAndEndpointFailsOnItsLine() throws Exception {
    assertThat(smallTierWith("endpoint: {url: \"http://small:8000/v1\"}, server: {image: vllm/vllm-openai}"))
        .contains("tiers.yaml:4: ModelTier/small: spec: exactly one of spec.server");
  }

  @Test
  void tensorParallelFourOnOneGpuFails() throws Exception {
    assertThat(smallTierWith("server: {image: vllm/vllm-openai, gpu: {count: 1}, tensorParallelSize: 4}"))
        .contains("tiers.yaml:4: ModelTier/small: spec.server: server.tensorParallelSize must not exceed");
  }

  @Test
  void searchesSubdirectoriesAndRefusesUnknownKindsAndEmptyFiles() throws Exception {
    Files.createDirectories(dir.resolve("team"));
    Files.writeString(dir.resolve("team/tiers.yaml"), TIERS);
    Files.writeString(dir.resolve("team/policy.yaml"), policy(""));
    assertThat(validate(dir)).isZero();

    Files.writeString(dir.resolve("team/empty.yaml"), "");
    Files.writeString(dir.resolve("other.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n");
    assertThat(validate(dir)).isEqualTo(1);
    assertThat(err.toString()).contains("empty.yaml: holds no resources", "other.yaml:2: unknown kind \"Deployment\"");
  }
}
