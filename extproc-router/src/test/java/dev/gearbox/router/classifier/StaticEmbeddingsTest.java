package dev.gearbox.router.classifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The shipped static token table and its file format; paraphrases are in {@link EmbedderTest}. */
class StaticEmbeddingsTest {
  private static final StaticEmbeddings TABLE = StaticEmbeddings.bundled();

  @Test
  void aPromptIsReadWholeNotCutToAFewTokens() {
    String head = "what is the capital of france ";
    float[] shortPrompt = TABLE.embed(head);
    float[] longer = TABLE.embed(head + "and explain the history of its river, its bridges and its architecture");

    assertThat(Vectors.cosine(shortPrompt, longer)).isLessThan(0.95);
    assertThat(Vectors.dot(longer, longer)).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void rowsSurviveTheInt8RoundTripAndTheDigestNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("table.bin");
    float[][] rows = {{0, 0, 0}, {1.0f, -0.5f, 0.25f}, {-2.0f, 2.0f, 0.0f}};
    StaticEmbeddings.write(file, rows);

    StaticEmbeddings read;
    try (InputStream in = Files.newInputStream(file)) {
      read = StaticEmbeddings.read(in, null);
    }

    assertThat(read.dimension()).isEqualTo(3);
    assertThat(read.row(0)).containsExactly(0, 0, 0);
    assertThat(read.row(1)).containsExactly(new float[] {1.0f, -0.5f, 0.25f}, within(1.0f / 127));
    assertThat(read.row(2)).containsExactly(new float[] {-2.0f, 2.0f, 0.0f}, within(2.0f / 127));
    assertThat(read.digest()).hasSize(64).isNotEqualTo(TABLE.digest());
    assertThat(TABLE.dimension()).isEqualTo(128);
  }
}
