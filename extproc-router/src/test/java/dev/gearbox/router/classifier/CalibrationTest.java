package dev.gearbox.router.classifier;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

  @Test
  void thresholdsSplitASyntheticSetIntoTheTargetShares() {
    Random random = new Random(7);
    double[] scores = new double[10_000];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = Math.pow(random.nextDouble(), 3); // skewed towards low scores, like real traffic
    }

    double[] thresholds = Calibration.thresholds(scores, List.of(50, 30, 20));

    int[] counts = new int[3];
    for (double score : scores) {
      counts[Calibration.tier(score, thresholds)]++;
    }
    assertThat(counts[0] / 10_000.0).isCloseTo(0.50, within(0.001));
    assertThat(counts[1] / 10_000.0).isCloseTo(0.30, within(0.001));
    assertThat(counts[2] / 10_000.0).isCloseTo(0.20, within(0.001));
  }

  @Test
  void aScoreCurveTurnsSharesIntoThresholds() {
    double[] scores = new double[1000];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i / 1000.0;
    }

    double[] thresholds = Calibration.fromQuantiles(Calibration.percentiles(scores), List.of(60, 30, 10));

    assertThat(thresholds).containsExactly(new double[] {0.6, 0.9}, within(0.002));
  }

  @Test
  void decimalSharesSplitLikeWholeOnes() {
    double[] scores = new double[1000];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i / 1000.0;
    }

    assertThat(Calibration.thresholds(scores, List.of(33.3, 33.3, 33.4)))
        .containsExactly(new double[] {0.333, 0.666}, within(0.001));
  }

  @Test
  void sharesMustAddUpToOneHundred() {
    assertThatThrownBy(() -> Calibration.thresholds(new double[] {0.1}, List.of(50, 30)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
