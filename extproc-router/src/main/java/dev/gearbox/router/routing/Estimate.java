package dev.gearbox.router.routing;

/**
 * What an estimator concluded for one request, for the decision's explanation.
 *
 * @param score         the estimator's score, or null when it has none
 * @param probabilities per tier, or null
 * @param thresholds    the score thresholds in force, or null
 */
public record Estimate(int tier, Double score, double[] probabilities, double[] thresholds) {

  public static Estimate ofTier(int tier) {
    return new Estimate(tier, null, null, null);
  }
}
