package dev.gearbox.router.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LowerCaseTextTest {

  @Test
  void aWordMatchesWholeAndInAnyCase() {
    LowerCaseText text = new LowerCaseText("Write SQL? Not a sequel, not sqlite.");
    assertThat(text.containsKeyword("sql")).isTrue();
    assertThat(text.containsKeyword("write")).isTrue();
    assertThat(text.containsKeyword("sqlite")).isTrue();
    assertThat(text.containsKeyword("lite")).isFalse();
    assertThat(text.containsKeyword("seq")).isFalse();
    assertThat(text.containsKeyword("")).isFalse();
  }

  @Test
  void aPhraseNeedsBoundariesOnlyWhereItStartsOrEndsWithAWordCharacter() {
    LowerCaseText text = new LowerCaseText("Think step by steps; then use C++ and x_y.");
    assertThat(text.containsKeyword("step by step")).isFalse();
    assertThat(text.containsKeyword("step by steps")).isTrue();
    assertThat(text.containsKeyword("c++")).isTrue();
    assertThat(text.containsKeyword("++ and")).isTrue();
    assertThat(text.containsKeyword("x")).isFalse(); // the underscore is a word character
  }

  @Test
  void aLaterOccurrenceCountsWhenTheFirstIsInsideAWord() {
    assertThat(new LowerCaseText("proven, then prove").containsKeyword("prove")).isTrue();
  }
}
