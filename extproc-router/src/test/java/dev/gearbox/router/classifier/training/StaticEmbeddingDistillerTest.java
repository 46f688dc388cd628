package dev.gearbox.router.classifier.training;

import dev.gearbox.router.classifier.ClassifierSettings;
import dev.gearbox.router.classifier.ModelSource;
import dev.gearbox.router.classifier.OnnxEmbedder;
import dev.gearbox.router.classifier.Vectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StaticEmbeddingDistillerTest {

  @Test
  void pcaPutsTheDirectionOfMostVarianceFirst() {
    // Points spread along (1, 1, 0) with a little noise along z.
    float[][] rows = {{-2, -2, 0.1f}, {-1, -1, -0.1f}, {0, 0, 0.05f}, {1, 1, -0.05f}, {2, 2, 0}};

    float[][] projected = StaticEmbeddingDistiller.pca(rows, 2);

    double first = 0;
    double second = 0;
    for (float[] p : projected) {
      first += p[0] * p[0];
      second += p[1] * p[1];
    }
    assertThat(first).isGreaterThan(100 * second);
    assertThat((double) Math.abs(projected[4][0])).isCloseTo(2 * Math.sqrt(2), within(1e-3));
  }

  @Test
  void specialAndUnusedTokensGetNoVector() {
    var vocabulary = new StaticEmbeddingDistiller.Vocabulary(new String[] {"[PAD]", "[unused0]", "[CLS]", "cat",
        "##s"}, 2, 3);

    assertThat(vocabulary.meaningful(0)).isFalse();
    assertThat(vocabulary.meaningful(1)).isFalse();
    assertThat(vocabulary.meaningful(3)).isTrue();
    assertThat(vocabulary.meaningful(4)).isTrue();
  }

  @Test
  void tokensEmbeddedAloneKeepTheModelsSenseOfMeaning() throws Exception {
    ModelSource source = ModelSource.bundled();
    var vocabulary = StaticEmbeddingDistiller.Vocabulary.read(source.tokenizerFile());
    long cat = indexOf(vocabulary, "cat");
    long dog = indexOf(vocabulary, "dog");
    long algebra = indexOf(vocabulary, "algebra");
    try (OnnxEmbedder model = OnnxEmbedder.open(source, ClassifierSettings.defaults())) {
      float[][] v = model.embedTokens(new long[] {cat, dog, algebra}, vocabulary.clsId(), vocabulary.sepId(), 2);

      assertThat(Vectors.cosine(v[0], v[1])).isGreaterThan(Vectors.cosine(v[0], v[2]));
    }
  }

  private static long indexOf(StaticEmbeddingDistiller.Vocabulary vocabulary, String token) {
    for (int i = 0; i < vocabulary.tokens().length; i++) {
      if (token.equals(vocabulary.tokens()[i])) {
        return i;
      }
    }
    throw new AssertionError(token + " is not in the vocabulary");
  }
}
