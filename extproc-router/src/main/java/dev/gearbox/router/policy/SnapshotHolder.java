package dev.gearbox.router.policy;

import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.SnapshotBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The snapshot every request reads, swapped atomically. Never goes from some policies to none: an update that
 * would leave no policy (all deleted, or the source went away) keeps the last good snapshot, with a warning.
 */
public final class SnapshotHolder implements Supplier<PolicySnapshot> {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotHolder.class);

  private final AtomicReference<PolicySnapshot> current = new AtomicReference<>(PolicySnapshot.EMPTY);
  private final List<Consumer<PolicySnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final Runnable onCompileError;
  private volatile boolean keepsLastGood;
  private volatile Map<String, String> failed = Map.of();

  /** @param onCompileError called once per policy error, e.g. to count it */
  public SnapshotHolder(Runnable onCompileError) {
    this.onCompileError = onCompileError;
  }

  @Override
  public PolicySnapshot get() {
    return current.get();
  }

  /** True while the sources define no policy and the last good snapshot answers in their place. */
  public boolean keepsLastGood() {
    return keepsLastGood;
  }

  /** By policy id, why the policy's current spec did not compile at the last update (its last good one serves). */
  public Map<String, String> failedPolicies() {
    return failed;
  }

  public void onChange(Consumer<PolicySnapshot> listener) {
    listeners.add(listener);
  }

  /** Installs a build result: logs and counts its errors, swaps the snapshot in unless it would be empty. */
  public synchronized void apply(SnapshotBuilder.Result result) {
    for (String error : result.errors()) {
      LOG.error("policy not loaded: {}", error);
      onCompileError.run();
    }
    failed = result.failed();
    PolicySnapshot next = result.snapshot();
    PolicySnapshot previous = current.get();
    if (next.isEmpty() && !previous.isEmpty()) {
      LOG.warn("no routing policy left; keeping the last good set ({} policies) until one is defined again",
          previous.policies().size());
      keepsLastGood = true;
      return;
    }
    if (next == previous) {
      return;
    }
    keepsLastGood = false;
    current.set(next);
    LOG.info("routing with {} polic{} (snapshot {})", next.policies().size(),
        next.policies().size() == 1 ? "y" : "ies", next.version());
    listeners.forEach(l -> l.accept(next));
  }
}
