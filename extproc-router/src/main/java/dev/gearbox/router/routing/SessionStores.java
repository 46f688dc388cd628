package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Stickiness;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Session stores by policy, kept across policy reloads so a reload does not forget sessions. */
public final class SessionStores {
  private final Map<String, SessionStore> byPolicy = new ConcurrentHashMap<>();

  SessionStore forPolicy(String policyId, Stickiness stickiness) {
    if (stickiness == null) {
      byPolicy.remove(policyId);
      return null;
    }
    String header = stickiness.header().toLowerCase(Locale.ROOT);
    Duration ttl = Duration.ofSeconds(stickiness.ttlSeconds() == null ? 1800 : stickiness.ttlSeconds());
    int max = stickiness.maxSessions() == null ? 100_000 : stickiness.maxSessions();
    return byPolicy.compute(policyId, (id, existing) ->
        existing != null && existing.sameSettings(header, ttl, max) ? existing : new SessionStore(header, ttl, max));
  }
}
