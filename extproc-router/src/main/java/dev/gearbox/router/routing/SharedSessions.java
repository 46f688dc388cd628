package dev.gearbox.router.routing;

import java.time.Duration;

/** A session store the router replicas share (Redis), handing out one {@link SessionStore} per policy. */
public interface SharedSessions extends AutoCloseable {
  SessionStore forPolicy(String policyId, String header, Duration ttl);

  @Override
  void close();
}
