package dev.gearbox.router.classifier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskFeaturesTest {

  @Test
  void oneValuePerName() {
    assertThat(TaskFeatures.of("hello")).hasSize(TaskFeatures.NAMES.size());
  }

  @Test
  void readsWhatThePromptAsksFor() {
    assertThat(feature("write a python function that returns the sum of the even numbers in a list", "asks_code"))
        .isEqualTo(1);
    assertThat(feature("prove that there are infinitely many primes", "asks_proof")).isEqualTo(1);
    assertThat(feature("write a detailed essay on the french revolution", "asks_long_output")).isEqualTo(1);
    assertThat(feature("what time is it in tokyo", "asks_code")).isZero();
    assertThat(feature("what time is it in tokyo", "starts_with_question")).isEqualTo(1);
  }

  @Test
  void constraintsAreCounted() {
    assertThat(feature("use exactly three sentences, do not mention dogs and include a title", "log_constraints"))
        .isEqualTo((float) Math.log1p(3));
  }

  private static float feature(String normalized, String name) {
    return TaskFeatures.of(normalized)[TaskFeatures.NAMES.indexOf(name)];
  }
}
