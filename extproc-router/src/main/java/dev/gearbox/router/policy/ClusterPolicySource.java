package dev.gearbox.router.policy;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.router.routing.SnapshotBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches ModelTiers and RoutingPolicies (read-only informers, no polling) and recompiles the snapshot on every
 * change, coalescing bursts. Tier readiness and ranks come from the ModelTiers' status as the operator writes it.
 */
public final class ClusterPolicySource implements AutoCloseable {
  private final SharedIndexInformer<ModelTier> tiers;
  private final SharedIndexInformer<RoutingPolicy> policies;
  private final ScheduledExecutorService rebuilds = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "policy-rebuild");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean rebuildPending = new AtomicBoolean();
  private final SnapshotBuilder builder;
  private final SnapshotHolder holder;

  /** @param namespace the namespace to watch, or null for all namespaces */
  public ClusterPolicySource(KubernetesClient client, String namespace, SnapshotBuilder builder,
      SnapshotHolder holder) {
    this.builder = builder;
    this.holder = holder;
    this.tiers = namespace == null
        ? client.resources(ModelTier.class).inAnyNamespace().inform(handler())
        : client.resources(ModelTier.class).inNamespace(namespace).inform(handler());
    this.policies = namespace == null
        ? client.resources(RoutingPolicy.class).inAnyNamespace().inform(handler())
        : client.resources(RoutingPolicy.class).inNamespace(namespace).inform(handler());
    rebuild();
  }

  private <T> ResourceEventHandler<T> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        scheduleRebuild();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        scheduleRebuild();
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        scheduleRebuild();
      }
    };
  }

  /** Many events in a burst (start-up, a kubectl apply of a directory) cause one rebuild. */
  private void scheduleRebuild() {
    if (rebuildPending.compareAndSet(false, true)) {
      rebuilds.schedule(this::rebuild, 50, TimeUnit.MILLISECONDS);
    }
  }

  private void rebuild() {
    rebuildPending.set(false);
    if (tiers == null || policies == null) {
      return; // still constructing; the constructor's own rebuild follows
    }
    holder.apply(builder.build(holder.get(), policies.getStore().list(), tiers.getStore().list()));
  }

  @Override
  public void close() {
    tiers.close();
    policies.close();
    rebuilds.shutdownNow();
  }
}
