package dev.gearbox.router.xds;

/** Names of the xDS resources besides the clusters ({@link XdsTier#cluster()}), spelled once. */
public final class XdsNames {
  /** The route configuration the bootstrap's listener asks for over RDS. */
  public static final String ROUTE_CONFIGURATION = "gearbox";
  public static final String CLUSTER_HEADER = "x-gearbox-cluster";

  private XdsNames() {
  }

  /** The SDS secret holding an external tier's {@code Authorization} header value. */
  public static String apiKeySecret(String cluster) {
    return cluster + ".api-key";
  }

  /** The SDS secret holding the CA an external tier's certificate must chain to. */
  public static String caSecret(String cluster) {
    return cluster + ".ca";
  }
}
