package dev.gearbox.router.xds;

import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.PolicySnapshot;

import java.util.Set;

/**
 * Pure: the route for requests the router named no tier for (other paths, Shadow mode, the router unreachable
 * with {@code failure_mode_allow}). It follows the policy of highest precedence: FailOpen (and Shadow mode, which
 * must not change where traffic goes) sends them to its default tier, FailClose answers 503 from Envoy. No policy, or a default tier with no cluster, answers 503 too:
 * a request never goes to a cluster that is not there.
 */
public final class Fallbacks {
  private Fallbacks() {
  }

  public static Fallback of(PolicySnapshot policies, Set<String> clusters) {
    if (policies.isEmpty()) {
      return new Fallback.Reject(503, "no_policy", "no RoutingPolicy is loaded, so no tier can be chosen");
    }
    CompiledPolicy first = policies.policies().get(0);
    if (!first.failOpen() && !first.shadow()) { // Shadow changes no route: its requests go to the default tier
      return new Fallback.Reject(503, "no_tier", "the router chose no tier for this request and policy "
          + first.id() + " is FailClose");
    }
    String cluster = first.defaultTarget().cluster();
    if (!clusters.contains(cluster)) {
      return new Fallback.Reject(503, "no_tier", "the default tier of policy " + first.id() + " (" + cluster
          + ") has no cluster");
    }
    return new Fallback.ToCluster(cluster);
  }
}
