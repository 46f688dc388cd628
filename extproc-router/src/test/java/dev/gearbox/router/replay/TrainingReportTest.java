package dev.gearbox.router.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainingReportTest {

  @Test
  void rankingAucIsOneWhenEveryHigherScoreIsAboveEveryLowerOne() {
    assertThat(TrainingReport.rankingAuc(new double[] {0.7, 0.9}, new double[] {0.1, 0.2, 0.6})).isEqualTo(1.0);
    assertThat(TrainingReport.rankingAuc(new double[] {0.1}, new double[] {0.7, 0.9})).isEqualTo(0.0);
  }

  @Test
  void rankingAucCountsTiesAsHalf() {
    assertThat(TrainingReport.rankingAuc(new double[] {0.5, 0.5}, new double[] {0.5})).isEqualTo(0.5);
    // pairs: (0.8 > 0.3), (0.8 > 0.5), (0.5 = 0.5) half, (0.5 > 0.3), (0.2 < both): 3.5 of 6
    assertThat(TrainingReport.rankingAuc(new double[] {0.8, 0.5, 0.2}, new double[] {0.3, 0.5}))
        .isCloseTo(3.5 / 6, within(1e-12));
  }
}
