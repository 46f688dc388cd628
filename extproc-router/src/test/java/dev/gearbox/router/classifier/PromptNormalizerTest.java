package dev.gearbox.router.classifier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromptNormalizerTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      What is 2+2?                                                  | what is 2+2
      Write a Python function to check if a number is prime.        | write a python function to check if a number is prime
      Explain the difference between TCP and UDP.                   | explain the difference between TCP and UDP
      Please explain the difference between TCP and UDP?            | Explain the difference between TCP and UDP
      'Kindly,   summarise   this\tparagraph !!'                     | summarise this paragraph
      ＷＨＡＴ ｉｓ ２＋２？                                              | what is 2+2
      """)
  void meaningPreservingVariantsBecomeOneInput(String variant, String plain) {
    assertThat(PromptNormalizer.normalize(variant)).isEqualTo(PromptNormalizer.normalize(plain));
  }

  @Test
  void keepsWhatCarriesMeaning() {
    assertThat(PromptNormalizer.normalize("Is 7 prime? Prove it.")).isEqualTo("is 7 prime? prove it");
    assertThat(PromptNormalizer.normalize("pleased to meet you")).isEqualTo("pleased to meet you");
    assertThat(PromptNormalizer.normalize("?!.")).isEmpty();
  }

  @Test
  void aLongRunOfMarksInsideThePromptIsKept() {
    String text = "a" + " ?".repeat(50_000) + " b";

    assertThat(PromptNormalizer.normalize(text)).hasSize(text.length()).endsWith("? b");
  }
}
