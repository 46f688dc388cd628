package dev.gearbox.router.xds;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.TierNames;
import dev.gearbox.router.policy.ChangeHandler;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.xds.XdsTier.InCluster;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cluster mode: the inputs from the router's ModelTier informers, an informer on the tier Services'
 * EndpointSlices (narrowed to the operator's, by the label the Service passes on to its slices) and the named
 * Secrets.
 */
public final class ClusterXdsInputs implements Supplier<XdsInputs>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterXdsInputs.class);
  static final String SERVICE_NAME = "kubernetes.io/service-name";

  private final Supplier<List<ModelTier>> tiers;
  private final Supplier<PolicySnapshot> policies;
  private final List<SharedIndexInformer<EndpointSlice>> slices;
  private final SecretWatch secrets;
  private volatile Runnable listener = () -> { };
  private Set<String> reported = Set.of();

  /** @param namespaces the namespaces whose tiers are served, or null for every namespace */
  public ClusterXdsInputs(KubernetesClient client, List<String> namespaces, Supplier<List<ModelTier>> tiers,
      Supplier<PolicySnapshot> policies) {
    this.tiers = tiers;
    this.policies = policies;
    this.secrets = new SecretWatch(client, () -> listener.run());
    var all = client.discovery().v1().endpointSlices();
    this.slices = (namespaces == null ? Stream.of(all.inAnyNamespace().withLabel(TierNames.MANAGED_BY, TierNames.MANAGER))
        : namespaces.stream().map(ns -> all.inNamespace(ns).withLabel(TierNames.MANAGED_BY, TierNames.MANAGER)))
        .map(op -> op.inform())
        .toList();
  }

  /** Calls back on every EndpointSlice and Secret change. */
  public void onChange(Runnable onChange) {
    listener = onChange;
    slices.forEach(informer -> informer.addEventHandler(new ChangeHandler<>(onChange)));
  }

  @Override
  public synchronized XdsInputs get() {
    Set<String> errors = new HashSet<>();
    List<XdsTier> served = TierUpstreams.all(tiers.get(), errors::add);
    errors.stream().filter(e -> !reported.contains(e)).forEach(e -> LOG.error("xDS: no cluster for {}", e));
    reported = errors;
    Map<String, List<EndpointSlice>> byService = slices.stream().flatMap(i -> i.getStore().list().stream())
        .filter(s -> s.getMetadata().getLabels() != null && s.getMetadata().getLabels().get(SERVICE_NAME) != null)
        .collect(Collectors.groupingBy(s -> s.getMetadata().getNamespace() + "/"
            + s.getMetadata().getLabels().get(SERVICE_NAME)));
    Map<String, List<TierEndpoint>> endpoints = new HashMap<>();
    for (XdsTier tier : served) {
      if (tier.upstream() instanceof InCluster service) {
        List<EndpointSlice> found = byService.get(tier.namespace() + "/" + service.service());
        if (found != null) {
          endpoints.put(tier.cluster(), EndpointResources.fromSlices(found, service.port()));
        }
      }
    }
    return XdsInputs.of(served, endpoints, secrets::values, policies.get());
  }

  @Override
  public void close() {
    slices.forEach(SharedIndexInformer::close);
    secrets.close();
  }
}
