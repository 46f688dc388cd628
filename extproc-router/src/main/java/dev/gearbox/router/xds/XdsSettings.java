package dev.gearbox.router.xds;

import dev.gearbox.api.v1alpha1.TierNames;

import java.time.Duration;

/**
 * The documented defaults of the generated resources (docs/router.md#xds), in one place.
 *
 * @param caFile        the system trust store in the Envoy image, for external tiers without a CA Secret
 * @param clusterDomain file mode: in-cluster tiers are {@code <tier>.<namespace>.svc.<clusterDomain>}
 * @param routeTimeout  a request to a tier may take this long (completions can take minutes)
 */
public record XdsSettings(String caFile, String clusterDomain, Duration routeTimeout) {
  public static final String DEFAULT_CA_FILE = "/etc/ssl/certs/ca-certificates.crt";
  public static final Duration IN_CLUSTER_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration EXTERNAL_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Circuit breakers per tier and Envoy: connections, queued requests, requests in flight, retries at once. */
  public static final int MAX_CONNECTIONS = 1024;
  public static final int MAX_PENDING_REQUESTS = 1024;
  public static final int MAX_REQUESTS = 1024;
  public static final int MAX_RETRIES = 3;

  public static XdsSettings defaults() {
    return new XdsSettings(DEFAULT_CA_FILE, TierNames.DEFAULT_CLUSTER_DOMAIN, Duration.ofSeconds(300));
  }
}
