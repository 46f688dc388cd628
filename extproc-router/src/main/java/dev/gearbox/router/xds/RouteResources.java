package dev.gearbox.router.xds;

import dev.gearbox.router.xds.XdsTier.External;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;

import java.time.Duration;
import java.util.List;

/**
 * Pure: the route configuration {@value XdsNames#ROUTE_CONFIGURATION}. One route per tier on the exact
 * {@code x-gearbox-cluster} value (so every cluster a route names exists, and an external tier gets its host and
 * loses the router's headers), then the fallback for requests the router named no tier for.
 */
final class RouteResources {
  /** The router's decision headers are for Envoy and the client, not for a provider. */
  private static final String OPENAI_BASE = "/v1";
  static final List<String> ROUTER_HEADERS = List.of("x-gearbox-cluster", "x-gearbox-tier", "x-gearbox-decision",
      "x-gearbox-shadow-tier");

  private RouteResources() {
  }

  static RouteConfiguration configuration(List<XdsTier> tiers, Fallback fallback, Duration timeout) {
    VirtualHost.Builder host = VirtualHost.newBuilder().setName("tiers").addDomains("*");
    for (XdsTier tier : tiers) {
      host.addRoutes(tierRoute(tier, timeout));
    }
    host.addRoutes(fallback(fallback, timeout));
    return RouteConfiguration.newBuilder().setName(XdsNames.ROUTE_CONFIGURATION).addVirtualHosts(host)
        .build();
  }

  private static Route tierRoute(XdsTier tier, Duration timeout) {
    RouteAction.Builder action = RouteAction.newBuilder().setCluster(tier.cluster())
        .setTimeout(ClusterResources.duration(timeout));
    Route.Builder route = Route.newBuilder().setName(tier.cluster())
        .setMatch(RouteMatch.newBuilder().setPrefix("/").addHeaders(HeaderMatcher.newBuilder()
            .setName(XdsNames.CLUSTER_HEADER).setStringMatch(StringMatcher.newBuilder().setExact(tier.cluster()))));
    if (tier.upstream() instanceof External external) {
      action.setHostRewriteLiteral(external.host());
      route.addAllRequestHeadersToRemove(ROUTER_HEADERS);
      if (!external.basePath().equals(OPENAI_BASE)) {
        // The router routes only /v1/... paths; the provider's base URL stands for /v1.
        route.getMatchBuilder().setPrefix(OPENAI_BASE + "/");
        action.setPrefixRewrite(external.basePath() + "/");
      }
    }
    return route.setRoute(action).build();
  }

  private static Route fallback(Fallback fallback, Duration timeout) {
    Route.Builder route = Route.newBuilder().setName("no-tier").setMatch(RouteMatch.newBuilder().setPrefix("/"));
    if (fallback instanceof Fallback.ToCluster to) {
      return route.setRoute(RouteAction.newBuilder().setCluster(to.cluster())
          .setTimeout(ClusterResources.duration(timeout))).build();
    }
    Fallback.Reject reject = (Fallback.Reject) fallback;
    String body = "{\"error\":{\"message\":\"" + reject.message().replace("\\", "\\\\").replace("\"", "\\\"")
        + "\",\"type\":\"" + (reject.status() >= 500 ? "service_unavailable" : "invalid_request_error")
        + "\",\"code\":\"" + reject.code() + "\"}}";
    return route.setDirectResponse(DirectResponseAction.newBuilder().setStatus(reject.status())
            .setBody(DataSource.newBuilder().setInlineString(body)))
        .addResponseHeadersToAdd(HeaderValueOption.newBuilder()
            .setHeader(HeaderValue.newBuilder().setKey("content-type").setValue("application/json"))
            .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD))
        .build();
  }
}
