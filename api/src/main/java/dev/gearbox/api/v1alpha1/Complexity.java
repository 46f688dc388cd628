package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

/** Maps the estimator's score in [0, 1] onto the policy's ordered tiers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.thresholds) != has(self.targetShares)",
    message = "set exactly one of complexity.thresholds or complexity.targetShares")
@ValidationRule(value = "!has(self.thresholds) || self.thresholds.isSorted()",
    message = "complexity.thresholds must be in ascending order")
@ValidationRule(value = "!has(self.targetShares) || self.targetShares.sum() == 100",
    message = "complexity.targetShares must add up to 100")
@ValidationRule(value = "!has(self.calibration) || self.calibration != 'Track' || has(self.targetShares)",
    message = "complexity.calibration Track needs complexity.targetShares")
@ValidationRule(value = "!has(self.sample) || (has(self.targetShares) && (!has(self.calibration) "
    + "|| self.calibration == 'Fixed'))", message = "complexity.sample applies to calibration Fixed with targetShares")
@ValidationRule(value = "!has(self.maxTopShare) || (has(self.calibration) && self.calibration == 'Track')",
    message = "complexity.maxTopShare applies to calibration Track only")
public record Complexity(
    @Size(max = 15)
    @JsonPropertyDescription("Ascending score boundaries between consecutive tiers: a score below thresholds[i] goes to "
        + "tiers[i], at or above the last one to the top tier. Write them with `gearbox-router calibrate`.")
    List<@Min(0) @Max(1) Double> thresholds,

    @Size(max = 16)
    @JsonPropertyDescription("Target share of the estimator's decisions per tier in percent, in tier order, adding up "
        + "to 100. With calibration Fixed the router turns them once into thresholds with the estimator's held-out "
        + "score curve; with Track it keeps moving the thresholds so the shares of recent traffic match them.")
    List<@Min(0) @Max(100) Integer> targetShares,

    @Default("Fixed")
    @JsonPropertyDescription("Fixed: thresholds stay as given or computed. Track: each router replica keeps a "
        + "streaming quantile sketch of the score over a sliding window and moves the thresholds, rate-limited, so "
        + "the window's shares match targetShares.")
    Calibration calibration,

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("With Track: the most the top tier may take, in percent, whatever targetShares say.")
    Integer maxTopShare,

    @JsonPropertyDescription("How Track follows traffic.")
    ShareTracking tracking,

    @Default("" + Complexity.DEFAULT_SHARE_TOLERANCE)
    @Min(1)
    @Max(50)
    @JsonPropertyDescription("Percentage points a tier's realised share may be off its target before the status "
        + "condition SharesOnTarget turns False.")
    Integer shareTolerance,

    @JsonPropertyDescription("Estimator weights written by `gearbox-router train --out` for this policy instead of "
        + "the shipped ones; reloaded when they change, and refused (keeping the last good ones) when they do not "
        + "fit this router.")
    DataReference weights,

    @JsonPropertyDescription("With calibration Fixed and targetShares: prompts (JSONL, one {\"prompt\": ...} per "
        + "line, as calibrate reads them) whose scores turn the shares into thresholds once; without it the weights' "
        + "held-out score curve does.")
    DataReference sample) {

  public static final int DEFAULT_SHARE_TOLERANCE = 5;

  public enum Calibration { Fixed, Track }

  /** Thresholds or shares, calibrated once. */
  public Complexity(List<Double> thresholds, List<Integer> targetShares) {
    this(thresholds, targetShares, null, null, null);
  }

  public Complexity(List<Double> thresholds, List<Integer> targetShares, Calibration calibration,
      Integer maxTopShare, ShareTracking tracking) {
    this(thresholds, targetShares, calibration, maxTopShare, tracking, null, null, null);
  }

  public Calibration effectiveCalibration() {
    return calibration == null ? Calibration.Fixed : calibration;
  }

  public int effectiveShareTolerance() {
    return shareTolerance == null ? DEFAULT_SHARE_TOLERANCE : shareTolerance;
  }

  public ShareTracking effectiveTracking() {
    return tracking == null ? new ShareTracking(null, null, null, null) : tracking;
  }
}
