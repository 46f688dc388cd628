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
}
