package dev.gearbox.router.classifier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenWindowTest {

  @Test
  void shortSequencesAreUntouched() {
    long[] ids = {101, 7, 8, 102};
    assertThat(TokenWindow.cut(ids, 8)).isSameAs(ids);
  }

  @Test
  void longSequencesKeepHeadAndTailWithTheirSpecialTokens() {
    long[] ids = {101, 1, 2, 3, 4, 5, 6, 7, 8, 102};
    assertThat(TokenWindow.cut(ids, 5)).containsExactly(101, 1, 2, 8, 102);
  }

  @Test
  void shortTextIsTokenizedWhole() {
    String text = "x".repeat(16 * TokenWindow.CHARS_PER_TOKEN);
    assertThat(TokenWindow.chars(text, 16)).isSameAs(text);
  }

  @Test
  void longTextKeepsEnoughOfEachEndForTheWindow() {
    String text = "head " + "middle ".repeat(5000) + " tail";

    String cut = TokenWindow.chars(text, 16);

    assertThat(cut).hasSize(16 * TokenWindow.CHARS_PER_TOKEN + 1).startsWith("head middle").endsWith("middle  tail");
  }
}
