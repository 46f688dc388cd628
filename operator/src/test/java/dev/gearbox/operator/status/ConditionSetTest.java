package dev.gearbox.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionSetTest {

  @Test
  void aConditionKeepsItsTransitionTimeUntilItsStatusChanges() {
    List<Condition> first = new ConditionSet(null, 1L, Instant.parse("2026-01-01T10:00:00.750Z"))
        .set("Ready", false, "Starting", "a").build();

    List<Condition> sameStatus = new ConditionSet(first, 2L, Instant.parse("2026-01-01T11:00:00Z"))
        .set("Ready", false, "StillStarting", "b").build();
    List<Condition> flipped = new ConditionSet(first, 2L, Instant.parse("2026-01-01T12:00:00Z"))
        .set("Ready", true, "Up", "c").build();

    assertThat(first.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(sameStatus.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(sameStatus.get(0).getObservedGeneration()).isEqualTo(2L);
    assertThat(flipped.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T12:00:00Z");
    assertThat(ConditionSet.isTrue(flipped, "Ready")).isTrue();
    assertThat(ConditionSet.isTrue(flipped, "Degraded")).isFalse();
  }
}
