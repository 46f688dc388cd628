package dev.gearbox.router.policy;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.DataReference;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.PolicyCompiler;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.SnapshotBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Watches ModelTiers, RoutingPolicies and the ConfigMaps labelled for policy data (read-only informers, no polling)
 * and recompiles the snapshot on every change, coalescing bursts. Tier readiness and ranks come from the
 * ModelTiers' status as the operator writes it.
 *
 * <p>Tenancy: a RoutingPolicy can govern any request Envoy sends (its match is on models, hosts, paths, headers,
 * not namespaces), so only the namespaces the platform team lists are watched; a policy anywhere else is never
 * read, and RBAC grants the router nothing there. Watching every namespace must be asked for explicitly.
 */
public final class ClusterPolicySource implements AutoCloseable {
  private final List<SharedIndexInformer<ModelTier>> tiers;
  private final List<SharedIndexInformer<RoutingPolicy>> policies;
  private final List<SharedIndexInformer<ConfigMap>> data;
  private final ScheduledExecutorService rebuilds = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "policy-rebuild");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean rebuildPending = new AtomicBoolean();
  private final SnapshotBuilder builder;
  private final SnapshotHolder holder;

  /** @param namespace the one namespace to watch, or null for all namespaces */
  public ClusterPolicySource(KubernetesClient client, String namespace, Classifiers classifiers,
      SessionStores sessions, SnapshotHolder holder) {
    this(client, namespace == null ? null : List.of(namespace), classifiers, sessions, holder);
  }

  /** @param namespaces the namespaces whose policies and tiers count, or null for every namespace */
  public ClusterPolicySource(KubernetesClient client, List<String> namespaces, Classifiers classifiers,
      SessionStores sessions, SnapshotHolder holder) {
    this.holder = holder;
    this.builder = new SnapshotBuilder(new PolicyCompiler(classifiers, sessions, false,
        new ConfigMapPolicyData(this::configMaps)));
    this.data = inform(namespaces, ns -> ns == null ? client.configMaps().inAnyNamespace()
        .withLabel(DataReference.CONFIG_MAP_LABEL) : client.configMaps().inNamespace(ns)
        .withLabel(DataReference.CONFIG_MAP_LABEL));
    this.tiers = inform(namespaces, ns -> ns == null ? client.resources(ModelTier.class).inAnyNamespace()
        : client.resources(ModelTier.class).inNamespace(ns));
    this.policies = inform(namespaces, ns -> ns == null ? client.resources(RoutingPolicy.class).inAnyNamespace()
        : client.resources(RoutingPolicy.class).inNamespace(ns));
    rebuild();
  }

  /** @param namespaces null for one informer on every namespace */
  private <T extends HasMetadata> List<SharedIndexInformer<T>> inform(List<String> namespaces,
      Function<String, Informable<T>> scope) {
    if (namespaces == null) {
      return List.of(scope.apply(null).inform(new ChangeHandler<>(this::scheduleRebuild)));
    }
    return namespaces.stream().map(ns -> scope.apply(ns).inform(new ChangeHandler<>(this::scheduleRebuild)))
        .toList();
  }

  /** Many events in a burst (start-up, a kubectl apply of a directory) cause one rebuild. */
  private void scheduleRebuild() {
    if (rebuildPending.compareAndSet(false, true)) {
      rebuilds.schedule(this::rebuild, 50, TimeUnit.MILLISECONDS);
    }
  }

  private void rebuild() {
    rebuildPending.set(false);
    if (tiers == null || policies == null || data == null) {
      return; // still constructing; the constructor's own rebuild follows
    }
    holder.apply(builder.build(holder.get(), listed(policies), listed(tiers)));
  }

  /** The ModelTiers the informers hold now (the xDS snapshot is built from the same caches). */
  public List<ModelTier> tiers() {
    return listed(tiers);
  }

  /** Also calls back on every ModelTier change. */
  public void onTierChange(Runnable listener) {
    tiers.forEach(informer -> informer.addEventHandler(new ChangeHandler<>(listener)));
  }

  private List<ConfigMap> configMaps() {
    return listed(data);
  }

  private static <T> List<T> listed(List<SharedIndexInformer<T>> informers) {
    if (informers == null) {
      return List.of();
    }
    return informers.stream().flatMap(i -> i.getStore().list().stream()).toList();
  }

  @Override
  public void close() {
    tiers.forEach(SharedIndexInformer::close);
    policies.forEach(SharedIndexInformer::close);
    data.forEach(SharedIndexInformer::close);
    rebuilds.shutdownNow();
  }
}
