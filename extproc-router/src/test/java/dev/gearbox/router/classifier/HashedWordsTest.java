package dev.gearbox.router.classifier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashedWordsTest {

  @Test
  void wordsAndPairsSortedWithoutRepeats() {
    int[] terms = HashedWords.of(Words.of("to be or not to be"), 1 << 15);

    // words: to, be, or, not; pairs: "to be", "be or", "or not", "not to" (the repeated ones once)
    assertThat(terms).hasSize(8).isSorted().doesNotHaveDuplicates();
    assertThat(java.util.Arrays.stream(terms).allMatch(t -> t >= 0 && t < 1 << 15)).isTrue();
  }

  @Test
  void noBucketsMeansNoTerms() {
    assertThat(HashedWords.of(Words.of("anything at all"), 0)).isEmpty();
  }

  @Test
  void theSameWordsGiveTheSameBuckets() {
    assertThat(HashedWords.of(Words.of("sort a list"), 1024)).containsExactly(HashedWords.of(Words.of("sort a list"), 1024));
  }
}
