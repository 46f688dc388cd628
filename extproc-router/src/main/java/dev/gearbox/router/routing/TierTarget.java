package dev.gearbox.router.routing;

/**
 * A tier as the router sends traffic to it.
 *
 * @param cluster         Envoy cluster name, see {@link dev.gearbox.api.v1alpha1.TierNames#cluster}
 * @param inputPerMillion price per million input tokens (0 when the tier has no pricing)
 */
public record TierTarget(String name, String model, String cluster, int rank, boolean ready,
    double inputPerMillion, double outputPerMillion) {

  /** Price of one request: its input tokens at the input price plus its output tokens at the output price. */
  public double price(long inputTokens, long outputTokens) {
    return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
  }
}
