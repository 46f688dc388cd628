package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Stickiness;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session stores by policy, kept across policy reloads so a reload does not forget sessions: in this replica's
 * memory, or in a store the replicas share when one is configured. The memory stores share one byte budget: each
 * holds at most its policy's maxSessions and at most an equal share of the budget, so no number of sticky policies
 * or sessions can take more than the budget's heap.
 */
public final class SessionStores {
  /** 64 MiB: ~520,000 sessions, a small part of the router's default 1.1 GB heap. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private final Map<String, MemorySessionStore> byPolicy = new ConcurrentHashMap<>();
  private final long maxBytes;
  private final SharedSessions shared;

  public SessionStores() {
    this(DEFAULT_MAX_BYTES);
  }

  public SessionStores(long maxBytes) {
    this(maxBytes, null);
  }

  /** @param shared the store the replicas share, or null to keep sessions in this replica's memory */
  public SessionStores(long maxBytes, SharedSessions shared) {
    this.maxBytes = maxBytes;
    this.shared = shared;
  }

  /** The policy's session store, or null when its stickiness keeps no sessions. */
  SessionStore forPolicy(String policyId, Stickiness stickiness) {
    if (stickiness == null || !stickiness.floorsOnSession()) {
      if (byPolicy.remove(policyId) != null) {
        rebalance();
      }
      return null;
    }
    String header = stickiness.header().toLowerCase(Locale.ROOT);
    Duration ttl = Duration.ofSeconds(stickiness.effectiveTtlSeconds());
    if (shared != null) {
      return shared.forPolicy(policyId, header, ttl);
    }
    int max = stickiness.effectiveMaxSessions();
    MemorySessionStore store = byPolicy.compute(policyId, (id, existing) -> existing != null
        && existing.sameSettings(header, ttl, max) ? existing : new MemorySessionStore(header, ttl, max));
    rebalance();
    return store;
  }

  /** Forgets the stores of policies that are gone, returning their share of the budget to the others. */
  void retainOnly(Collection<String> policyIds) {
    if (byPolicy.keySet().retainAll(policyIds)) {
      rebalance();
    }
  }

  /** Bytes the stores hold now (exported as gearbox_session_store_bytes). */
  public long estimatedBytes() {
    return byPolicy.values().stream().mapToLong(MemorySessionStore::estimatedBytes).sum();
  }

  private synchronized void rebalance() {
    int stores = byPolicy.size();
    if (stores > 0) {
      byPolicy.values().forEach(store -> store.limitTo(maxBytes / stores));
    }
  }
}
