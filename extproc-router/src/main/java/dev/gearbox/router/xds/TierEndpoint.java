package dev.gearbox.router.xds;

/** One model-server endpoint of an in-cluster tier, from its Service's EndpointSlices. */
public record TierEndpoint(String address, int port, Health health) {

  /** Envoy's view: only HEALTHY endpoints take new requests; DRAINING ones finish what they have. */
  /** Best first. */
  public enum Health { HEALTHY, DRAINING, UNHEALTHY }
}
