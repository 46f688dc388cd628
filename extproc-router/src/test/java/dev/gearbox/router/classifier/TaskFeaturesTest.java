package dev.gearbox.router.classifier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskFeaturesTest {

  @Test
  void oneValuePerName() {
    assertThat(TaskFeatures.of("hello", "hello", Words.of("hello"))).hasSize(TaskFeatures.NAMES.size());
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
  void countsNumbersSentencesAndMathsByCharacter() {
    assertThat(feature("add 3.14 and 2, then 10: what is it", "log_numbers")).isEqualTo((float) Math.log1p(3));
    assertThat(feature("one. two! three", "log_sentences")).isEqualTo((float) Math.log1p(2));
    // ^, +, = and one LaTeX command
    assertThat(feature("solve x^2 + 1 = 0 with \\frac{1}{2}", "log_math")).isEqualTo((float) Math.log1p(4));
  }

  @Test
  void theSizeIsThatOfTheWholePromptWhateverItsSpacing() {
    String longPrompt = "word ".repeat(5000);
    float[] features = TaskFeatures.of(longPrompt, "word word", Words.of("word word"));

    assertThat(features[TaskFeatures.NAMES.indexOf("log_chars")]).isEqualTo((float) Math.log1p(20_000));
    assertThat(features[TaskFeatures.NAMES.indexOf("log_words")]).isEqualTo((float) Math.log1p(5000));
    assertThat(TaskFeatures.of("a  b\n\tc", "a b c", Words.of("a b c")))
        .containsExactly(TaskFeatures.of("a b c", "a b c", Words.of("a b c")));
  }

  @Test
  void constraintsAreCounted() {
    assertThat(feature("use exactly three sentences, do not mention dogs and include a title", "log_constraints"))
        .isEqualTo((float) Math.log1p(3));
  }

  private static float feature(String normalized, String name) {
    return TaskFeatures.of(normalized, normalized, Words.of(normalized))[TaskFeatures.NAMES.indexOf(name)];
  }
}
