package dev.gearbox.router.xds;

import dev.gearbox.router.xds.XdsTier.SecretRef;

import dev.gearbox.router.routing.PolicySnapshot;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.Map;

/**
 * Everything a snapshot is built from, read at one moment.
 *
 * @param tiers     every tier that gets a cluster
 * @param endpoints cluster mode: endpoints by cluster name (a tier with none yet is absent); null in file mode,
 *                  where in-cluster tiers are found by their Service's DNS name instead
 * @param secrets   the values of the Secret keys the tiers name (API keys, CA bundles); missing ones are absent
 * @param fallback  the route for requests without a tier
 */
public record XdsInputs(List<XdsTier> tiers, Map<String, List<TierEndpoint>> endpoints,
    Map<SecretRef, SecretValue> secrets, Fallback fallback) {

  public XdsInputs {
    tiers = List.copyOf(tiers);
    endpoints = endpoints == null ? null : Map.copyOf(endpoints);
    secrets = Map.copyOf(secrets);
  }

  /**
   * The inputs for these tiers: the Secret keys they name are read with {@code secrets}, the fallback follows
   * {@code policies}.
   */
  public static XdsInputs of(List<XdsTier> tiers, Map<String, List<TierEndpoint>> endpoints,
      Function<Set<SecretRef>, Map<SecretRef, SecretValue>> secrets, PolicySnapshot policies) {
    Set<SecretRef> refs = new HashSet<>();
    for (XdsTier tier : tiers) {
      if (tier.upstream() instanceof XdsTier.External external) {
        Stream.of(external.apiKey(), external.caSecret()).filter(Objects::nonNull).forEach(refs::add);
      }
    }
    Set<String> clusters = tiers.stream().map(XdsTier::cluster).collect(Collectors.toSet());
    return new XdsInputs(tiers, endpoints, secrets.apply(refs), Fallbacks.of(policies, clusters));
  }

  /** True when in-cluster tiers take their endpoints from EDS (cluster mode). */
  public boolean usesEds() {
    return endpoints != null;
  }
}
