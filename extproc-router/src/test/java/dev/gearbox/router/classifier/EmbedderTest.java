package dev.gearbox.router.classifier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbedderTest {
  private static EmbeddingModels models;
  private static Embedder embedder;

  @BeforeAll
  static void openBundledModel() {
    models = new EmbeddingModels(ClassifierSettings.defaults());
    embedder = models.forPolicy(null);
  }

  @AfterAll
  static void close() throws Exception {
    models.close();
  }

  @Test
  void embeddingsAreUnitVectorsOfTheModelsDimension() {
    float[] vector = embedder.embed("What time does the bakery open on Sundays?");

    assertThat(vector).hasSize(384);
    assertThat(Vectors.dot(vector, vector)).isCloseTo(1.0, within(1e-4));
  }

  /** The bundled model, and the static token table distilled from it, which separates less but still separates. */
  static Stream<Arguments> embedders() {
    return Stream.of(Arguments.of("onnx", 0.3), Arguments.of("static", 0.1));
  }

  @ParameterizedTest
  @MethodSource("embedders")
  void aParaphraseIsCloserThanAnUnrelatedPrompt(String kind, double margin) {
    Embedder embedder = kind.equals("onnx") ? EmbedderTest.embedder : StaticEmbeddings.bundled();
    float[] question = embedder.embed("How do I reset my online banking password?");
    float[] paraphrase = embedder.embed("I forgot the password for my bank account login, how can I change it?");
    float[] unrelated = embedder.embed("Write a sonnet about autumn leaves falling in the park.");

    assertThat(Vectors.cosine(question, paraphrase)).isGreaterThan(Vectors.cosine(question, unrelated) + margin);
  }

  @Test
  void theSameSessionIsSharedAndTheWindowBoundsLongPrompts() {
    assertThat(models.forPolicy(null)).isSameAs(embedder);
    assertThat(models.openSessions()).isEqualTo(1);

    String longPrompt = "Please review the following log carefully. " + "line of noise ".repeat(2000)
        + "Why does the service crash?";
    assertThat(embedder.embed(longPrompt)).hasSize(384);
  }
}
