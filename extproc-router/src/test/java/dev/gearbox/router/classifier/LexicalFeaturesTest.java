package dev.gearbox.router.classifier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LexicalFeaturesTest {
  private static final int BUCKETS = 32768;

  @Test
  void hashedTermsAreSortedDistinctAndInRange() {
    int[] terms = LexicalFeatures.hashedTerms("the cat and the cat and the hat", BUCKETS);

    assertThat(terms).isSorted().doesNotHaveDuplicates();
    assertThat(terms[0]).isGreaterThanOrEqualTo(0);
    assertThat(terms[terms.length - 1]).isLessThan(BUCKETS);
  }

  @Test
  void caseAndWhitespaceRunsDoNotChangeTheTerms() {
    assertThat(LexicalFeatures.hashedTerms("Prove that  sqrt(2)\n\tis irrational", BUCKETS))
        .isEqualTo(LexicalFeatures.hashedTerms("prove that sqrt(2) is irrational", BUCKETS));
  }

  @Test
  void characterGramsSeeWhatWordsMiss() {
    // The same words; only the LaTeX fragment differs, and it has no word of its own.
    int[] plain = LexicalFeatures.hashedTerms("solve x", BUCKETS);
    int[] latex = LexicalFeatures.hashedTerms("solve $x^{2}$", BUCKETS);

    assertThat(latex).isNotEqualTo(plain);
    assertThat(latex.length).isGreaterThan(plain.length);
  }

  @Test
  void aLongPromptIsReadThroughItsHeadAndTailOnly() {
    String middle = "filler words in the middle of a pasted document ".repeat(2000);
    String prompt = "Summarise this: " + middle + " What are the three main risks?";

    String window = LexicalFeatures.headAndTail(prompt);

    assertThat(window.length()).isLessThanOrEqualTo(LexicalFeatures.TERM_WINDOW_CHARS + 1);
    assertThat(window).startsWith("Summarise this:").endsWith("What are the three main risks?");
    assertThat(LexicalFeatures.hashedTerms(prompt, BUCKETS))
        .isEqualTo(LexicalFeatures.hashedTerms(window, BUCKETS));
  }

  @Test
  void denseFeaturesFollowTheirNames() {
    float[] dense = LexicalFeatures.dense("What is 2 + 2?");

    assertThat(dense).hasSize(LexicalFeatures.DENSE_NAMES.size());
    assertThat(dense[LexicalFeatures.DENSE_NAMES.indexOf("ends_with_question")]).isEqualTo(1f);
    assertThat(dense[LexicalFeatures.DENSE_NAMES.indexOf("starts_with_wh")]).isEqualTo(1f);
  }
}
