package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Stickiness;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session stores by policy, kept across policy reloads so a reload does not forget sessions. All of them share one
 * byte budget: each store holds at most its policy's maxSessions and at most an equal share of the budget, so no
 * number of sticky policies or sessions can take more than the budget's heap.
 */
public final class SessionStores {
  /** 64 MiB: ~520,000 sessions, a small part of the router's default 1.1 GB heap. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private final Map<String, SessionStore> byPolicy = new ConcurrentHashMap<>();
  private final long maxBytes;

  public SessionStores() {
    this(DEFAULT_MAX_BYTES);
  }

  public SessionStores(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  SessionStore forPolicy(String policyId, Stickiness stickiness) {
    if (stickiness == null) {
      byPolicy.remove(policyId);
      rebalance();
      return null;
    }
    String header = stickiness.header().toLowerCase(Locale.ROOT);
    Duration ttl = Duration.ofSeconds(stickiness.ttlSeconds() == null ? 1800 : stickiness.ttlSeconds());
    int max = stickiness.maxSessions() == null ? 100_000 : stickiness.maxSessions();
    SessionStore store = byPolicy.compute(policyId, (id, existing) ->
        existing != null && existing.sameSettings(header, ttl, max) ? existing : new SessionStore(header, ttl, max));
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
    return byPolicy.values().stream().mapToLong(SessionStore::estimatedBytes).sum();
  }

  private synchronized void rebalance() {
    int stores = byPolicy.size();
    if (stores > 0) {
      byPolicy.values().forEach(store -> store.limitTo(maxBytes / stores));
    }
  }
}
