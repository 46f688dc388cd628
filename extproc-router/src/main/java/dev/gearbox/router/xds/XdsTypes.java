package dev.gearbox.router.xds;

import io.envoyproxy.controlplane.cache.Resources.V3;

/** The bounded set of resource-type tags for logs and metrics. */
final class XdsTypes {
  private XdsTypes() {
  }

  static String shortName(String typeUrl) {
    return switch (typeUrl) {
      case V3.CLUSTER_TYPE_URL -> "cds";
      case V3.ENDPOINT_TYPE_URL -> "eds";
      case V3.ROUTE_TYPE_URL -> "rds";
      case V3.LISTENER_TYPE_URL -> "lds";
      case V3.SECRET_TYPE_URL -> "sds";
      default -> "other";
    };
  }
}
