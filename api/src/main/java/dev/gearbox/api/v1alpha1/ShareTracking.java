package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * How calibration Track follows traffic: over which window it measures shares, when it starts, how often and how far
 * it may move a threshold. Defaults are declared once, here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareTracking(
    @Default("" + ShareTracking.DEFAULT_WINDOW)
    @Min(100)
    @Max(1000000)
    @JsonPropertyDescription("Requests in the sliding window the shares are measured over.")
    Integer window,

    @Default("" + ShareTracking.DEFAULT_MIN_SAMPLE)
    @Min(10)
    @JsonPropertyDescription("Requests observed before the first move; until then the starting thresholds hold.")
    Integer minSample,

    @Default("" + ShareTracking.DEFAULT_MOVE_EVERY)
    @Min(1)
    @JsonPropertyDescription("Requests between two moves of the thresholds.")
    Integer moveEvery,

    @Default("" + ShareTracking.DEFAULT_MAX_STEP)
    @Min(0.0001)
    @Max(1)
    @JsonPropertyDescription("Largest change of one threshold in one move, in score units.")
    Double maxStep) {

  public static final int DEFAULT_WINDOW = 10_000;
  public static final int DEFAULT_MIN_SAMPLE = 1_000;
  public static final int DEFAULT_MOVE_EVERY = 100;
  public static final double DEFAULT_MAX_STEP = 0.02;

  public int effectiveWindow() {
    return window == null ? DEFAULT_WINDOW : window;
  }

  public int effectiveMinSample() {
    return minSample == null ? DEFAULT_MIN_SAMPLE : minSample;
  }

  public int effectiveMoveEvery() {
    return moveEvery == null ? DEFAULT_MOVE_EVERY : moveEvery;
  }

  public double effectiveMaxStep() {
    return maxStep == null ? DEFAULT_MAX_STEP : maxStep;
  }
}
