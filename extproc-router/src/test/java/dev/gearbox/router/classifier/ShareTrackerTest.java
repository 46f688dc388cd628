package dev.gearbox.router.classifier;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Calibration Track against synthetic score streams. */
class ShareTrackerTest {
  private static final List<Integer> TARGETS = List.of(35, 25, 40);
  private static final ShareTracker.Settings SETTINGS = new ShareTracker.Settings(TARGETS, null, 2_000, 500, 50, 0.02);

  @Test
  void fixedThresholdsAreCountedOverTheWindowButNeverMoved() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    ShareTracker fixed = new ShareTracker(new ShareTracker.Settings(null, null, 1_000, 10, 1, 0.02, false, "w"),
        new double[] {0.5}, clock);
    assertThat(fixed.windowStart()).isNull();

    for (int i = 0; i < 1_300; i++) {
      clock.now = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i);
      fixed.decide(i % 4 == 0 ? 0.9 : 0.1);
    }

    assertThat(fixed.moves()).isZero();
    assertThat(fixed.thresholds()).containsExactly(0.5);
    assertThat(fixed.targetShares()).isNull();
    // The window is the previous half (decisions 500..999) and the current one (1000..1299); a quarter are above.
    assertThat(fixed.decisions()).containsExactly(600, 200);
    assertThat(fixed.windowStart()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(500));
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void afterTheTrafficShiftsEveryShareComesBackWithinFivePointsOfItsTarget() {
    Random random = new Random(1);
    ShareTracker tracker = new ShareTracker(SETTINGS, new double[] {0.35, 0.60});
    feed(tracker, 10_000, random::nextDouble);
    // Harder traffic: scores pile up near 1, so the starting thresholds would send ~77% to the top tier.
    DoubleSupplier harder = () -> Math.sqrt(Math.sqrt(random.nextDouble()));
    assertThat(new Calibrated(new double[] {0.35, 0.60}).topShare(harder, 10_000)).isGreaterThan(0.7);

    feed(tracker, 8_000, harder);

    double[] shares = tracker.realisedShares();
    assertThat(shares[0]).isCloseTo(0.35, within(0.05));
    assertThat(shares[1]).isCloseTo(0.25, within(0.05));
    assertThat(shares[2]).isCloseTo(0.40, within(0.05));
  }

  @Test
  void aStationaryStreamDoesNotMakeTheThresholdsWander() {
    Random random = new Random(2);
    ShareTracker tracker = new ShareTracker(SETTINGS, new double[] {0.35, 0.60});
    feed(tracker, 5_000, random::nextDouble);
    long movesBefore = tracker.moves();
    double[] low = tracker.thresholds();
    double[] high = tracker.thresholds();
    for (int i = 0; i < 20_000; i++) {
      tracker.decide(random.nextDouble());
      double[] t = tracker.thresholds();
      for (int k = 0; k < t.length; k++) {
        low[k] = Math.min(low[k], t[k]);
        high[k] = Math.max(high[k], t[k]);
      }
    }

    // Uniform scores: the right thresholds are the targets' cumulative shares.
    assertThat(high[0] - low[0]).isLessThan(0.04);
    assertThat(high[1] - low[1]).isLessThan(0.04);
    assertThat(tracker.thresholds()[0]).isCloseTo(0.35, within(0.03));
    assertThat(tracker.thresholds()[1]).isCloseTo(0.60, within(0.03));
    // 20,000 decisions allow 400 moves; a tracker chasing the sketch's noise would take most of them.
    assertThat(tracker.moves() - movesBefore).isLessThan(100);
  }

  @Test
  void nothingMovesBeforeTheMinimumSampleAndNoMoveIsLargerThanTheStep() {
    ShareTracker tracker = new ShareTracker(SETTINGS, new double[] {0.35, 0.60});
    double[] before = tracker.thresholds();
    for (int i = 1; i < 500; i++) {
      tracker.decide(0.99); // everything looks frontier-bound, yet the sample is too small to act on
      assertThat(tracker.thresholds()).containsExactly(before);
    }
    for (int i = 0; i < 2_000; i++) {
      double[] was = tracker.thresholds();
      tracker.decide(0.99);
      double[] now = tracker.thresholds();
      for (int k = 0; k < now.length; k++) {
        assertThat(Math.abs(now[k] - was[k])).isLessThanOrEqualTo(0.02 + 1e-12);
      }
    }
    assertThat(tracker.moves()).isPositive().isLessThanOrEqualTo(2_000 / 50 + 1);
    assertThat(tracker.thresholds()[1]).isGreaterThan(before[1]);
  }

  @Test
  void maxTopShareCapsTheTopTierWhateverTheTargetsSay() {
    Random random = new Random(3);
    ShareTracker.Settings capped = new ShareTracker.Settings(List.of(20, 20, 60), 30, 2_000, 500, 50, 0.02);
    ShareTracker tracker = new ShareTracker(capped, new double[] {0.2, 0.4});

    feed(tracker, 10_000, random::nextDouble);

    assertThat(tracker.realisedShares()[2]).isLessThan(0.33);
    assertThat(tracker.thresholds()[1]).isCloseTo(0.70, within(0.03));
  }

  @Test
  void theWindowIsBetweenHalfAndAllOfItsSize() {
    ShareTracker tracker = new ShareTracker(SETTINGS, new double[] {0.35, 0.60});

    feed(tracker, 2_999, () -> 0.5);

    assertThat(tracker.windowSize()).isBetween(1_000L, 2_000L);
    assertThat(tracker.targetShares()).containsExactly(0.35, 0.25, 0.40);
  }

  private static void feed(ShareTracker tracker, int n, DoubleSupplier scores) {
    for (int i = 0; i < n; i++) {
      tracker.decide(scores.getAsDouble());
    }
  }

  /** What fixed thresholds would do with a stream. */
  private record Calibrated(double[] thresholds) {
    double topShare(DoubleSupplier scores, int n) {
      int top = 0;
      for (int i = 0; i < n; i++) {
        top += Calibration.tier(scores.getAsDouble(), thresholds) == thresholds.length ? 1 : 0;
      }
      return (double) top / n;
    }
  }
}
