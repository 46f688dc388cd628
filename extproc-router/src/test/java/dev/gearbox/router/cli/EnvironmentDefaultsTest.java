package dev.gearbox.router.cli;

import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.server.StreamLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16: every serve option can come from GEARBOX_<OPTION>; a flag wins; else the one declared default holds. */
class EnvironmentDefaultsTest {

  private static ServeCommand parse(Map<String, String> env, String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).setDefaultValueProvider(new EnvironmentDefaults(env::get)).parseArgs(args);
    return serve;
  }

  @Test
  void optionsComeFromTheEnvironmentNamedAfterThem() {
    ServeCommand serve = parse(Map.of("GEARBOX_MAX_BODY_BYTES", "1000", "GEARBOX_SESSION_STORE", "redis://r:6379",
        "GEARBOX_XDS_PORT", "18001", "GEARBOX_UNMATCHED", "FailClose", "GEARBOX_NAMESPACE", "a,b"));

    assertThat(serve.maxBodyBytes).isEqualTo(1000);
    assertThat(serve.sessionStore).isEqualTo("redis://r:6379");
    assertThat(serve.xds.port).as("a mixin's option too").isEqualTo(18001);
    assertThat(serve.unmatched.name()).isEqualTo("FailClose");
    assertThat(serve.namespaces).containsExactly("a", "b");
  }

  @Test
  void aFlagWinsAndWithoutEitherTheDeclaredDefaultHolds() {
    ServeCommand serve = parse(Map.of("GEARBOX_MAX_BODY_BYTES", "1000", "GEARBOX_QUEUE", " "), "--max-body-bytes",
        "2000");

    assertThat(serve.maxBodyBytes).isEqualTo(2000);
    assertThat(serve.queue).as("blank is unset").isEqualTo(1024);
    assertThat(serve.streamTimeoutSeconds).isEqualTo(StreamLimits.DEFAULT_STREAM_TIMEOUT_SECONDS);
    assertThat(serve.decisionBudgetMs).isEqualTo(RouterSettings.DEFAULT_DECISION_BUDGET_MS);
    assertThat(serve.sessionStore).isNull();
  }

  /** Review of issue 16: with GEARBOX_ALL_NAMESPACES=true the flag itself turned the option off (picocli negates it). */
  @Test
  void flagsComeOnlyFromTheArguments() {
    assertThat(parse(Map.of("GEARBOX_ALL_NAMESPACES", "true"), "--all-namespaces").allNamespaces).isTrue();
    assertThat(parse(Map.of("GEARBOX_ALL_NAMESPACES", "true")).allNamespaces)
        .as("whom the router trusts is widened in its arguments only").isFalse();
  }

  /** A Service named gearbox in the pod's namespace makes Kubernetes set GEARBOX_PORT=tcp://IP:PORT. */
  @Test
  void kubernetesServiceLinksAreNotSettings() {
    ServeCommand serve = parse(Map.of("GEARBOX_PORT", "tcp://10.96.0.12:50051",
        "GEARBOX_ADMIN_PORT", "tcp://10.96.0.13:9090"));

    assertThat(serve.port).isEqualTo(50051);
    assertThat(serve.adminPort).isEqualTo(9090);
  }
}
