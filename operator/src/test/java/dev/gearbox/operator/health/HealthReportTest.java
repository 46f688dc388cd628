package dev.gearbox.operator.health;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthReportTest {

  @Test
  void startingIsNotStartedNotReadyButAlive() {
    HealthReport starting = new HealthReport(false, List.of());

    assertThat(starting.startup().status()).isEqualTo(503);
    assertThat(starting.readiness().status()).isEqualTo(503);
    assertThat(starting.liveness().status()).isEqualTo(200);
  }

  @Test
  void anUnhealthyEventSourceFailsReadinessAndLivenessAndIsNamed() {
    HealthReport broken = new HealthReport(true, List.of("modeltier/deployment"));

    assertThat(broken.startup().status()).isEqualTo(200);
    assertThat(broken.readiness().status()).isEqualTo(503);
    assertThat(broken.liveness().body()).contains("modeltier/deployment");
    assertThat(new HealthReport(true, List.of()).readiness().status()).isEqualTo(200);
  }
}
