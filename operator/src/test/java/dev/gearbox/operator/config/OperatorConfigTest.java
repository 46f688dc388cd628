package dev.gearbox.operator.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorConfigTest {

  @Test
  void defaultsSuitAProductionCluster() {
    OperatorConfig config = OperatorConfig.defaults();

    assertThat(config.watchesAllNamespaces()).isTrue();
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.healthPort()).isEqualTo(8081);
    assertThat(config.metricsPort()).isEqualTo(8080);
    assertThat(config.serverSideApply()).isTrue();
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void readsEveryVariable() {
    OperatorConfig config = OperatorConfig.fromEnvironment(Map.of(
        "GEARBOX_WATCH_NAMESPACES", " team-a, team-b ,",
        "GEARBOX_LEADER_ELECTION", "TRUE",
        "GEARBOX_LEASE_NAME", "gb",
        "GEARBOX_LEASE_NAMESPACE", "gearbox-system",
        "GEARBOX_HEALTH_PORT", "9000",
        "GEARBOX_METRICS_PORT", "9001",
        "GEARBOX_SERVER_SIDE_APPLY", "false",
        "GEARBOX_SHUTDOWN_TIMEOUT_SECONDS", "5"));

    assertThat(config.namespaces()).isEqualTo(Set.of("team-a", "team-b"));
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseName()).isEqualTo("gb");
    assertThat(config.leaseNamespace()).isEqualTo("gearbox-system");
    assertThat(config.healthPort()).isEqualTo(9000);
    assertThat(config.metricsPort()).isEqualTo(9001);
    assertThat(config.serverSideApply()).isFalse();
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("GEARBOX_LEADER_ELECTION", "yes")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("GEARBOX_LEADER_ELECTION").hasMessageContaining("yes");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("GEARBOX_HEALTH_PORT", "http")))
        .hasMessageContaining("GEARBOX_HEALTH_PORT");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("GEARBOX_METRICS_PORT", "70000")))
        .hasMessageContaining("GEARBOX_METRICS_PORT");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("GEARBOX_METRICS_PORT", "8081")))
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("GEARBOX_WATCH_NAMESPACES", "Team_A")))
        .hasMessageContaining("\"Team_A\" is not a namespace name");
  }
}
