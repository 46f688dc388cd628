package dev.gearbox.router.classifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Weights that would score silently wrong are refused with a message that says what to do. */
class ComplexityWeightsTest {
  private static final ComplexityWeights SHIPPED = ComplexityWeights.bundled();

  @TempDir
  Path dir;

  @Test
  void theShippedWeightsMatchTheShippedTableAndRecordTheirTrainingPrompts() throws IOException {
    new ComplexityScorer(SHIPPED, new ComplexityFeatures(StaticEmbeddings.bundled(), SHIPPED.encoder().buckets()));

    assertThat(SHIPPED.version()).isEqualTo(3);
    assertThat(SHIPPED.trainingPrompts()).isSorted().hasSizeGreaterThan(1000);
    assertThat(SHIPPED.trainedOn("a prompt written for this test and for no dataset")).isFalse();
  }

  @Test
  void weightsOfAnotherFormatAreRefused() throws IOException {
    Path old = Files.writeString(dir.resolve("old.json"), "{\"version\": 2}");

    assertThatThrownBy(() -> ComplexityWeights.read(old)).isInstanceOf(IOException.class)
        .hasMessageContaining("format version 2").hasMessageContaining("retrain");
  }

  @Test
  void weightsTrainedOnAnotherTableAreRefused() throws IOException {
    Path file = dir.resolve("table.bin");
    StaticEmbeddings.write(file, new float[][] {{0, 0, 0}, {1, 2, 3}});
    StaticEmbeddings other;
    try (InputStream in = Files.newInputStream(file)) {
      other = StaticEmbeddings.read(in, null);
    }

    assertThatThrownBy(() -> new ComplexityScorer(SHIPPED, new ComplexityFeatures(other, 32768)))
        .isInstanceOf(IOException.class).hasMessageContaining("features").hasMessageContaining("retrain");
  }

  @Test
  void weightsWithoutTheirWordBucketsAreRefused() {
    assertThatThrownBy(() -> new ComplexityScorer(SHIPPED, new ComplexityFeatures(StaticEmbeddings.bundled(), 0)))
        .isInstanceOf(IOException.class).hasMessageContaining("hashed word buckets");
  }
}
