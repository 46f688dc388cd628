package dev.gearbox.router.routing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStoreTest {
  private final AtomicLong nanos = new AtomicLong();
  private final SessionStore store = new SessionStore("x-session-id", Duration.ofMinutes(30), 100, nanos::get);

  @Test
  void aSessionNeverStepsDownWithinTheTtl() {
    assertThat(store.atLeastPrevious("alice", 2)).isEqualTo(2);
    nanos.addAndGet(Duration.ofMinutes(29).toNanos());

    assertThat(store.atLeastPrevious("alice", 0)).isEqualTo(2);
    assertThat(store.atLeastPrevious("bob", 0)).isZero();
  }

  @Test
  void aSessionIsForgottenOnceTheTtlPassesWithoutARequest() {
    store.atLeastPrevious("alice", 2);
    nanos.addAndGet(Duration.ofMinutes(31).toNanos());

    assertThat(store.atLeastPrevious("alice", 0)).isZero();
  }

  @Test
  void everyRequestRestartsTheTtl() {
    store.atLeastPrevious("alice", 2);
    nanos.addAndGet(Duration.ofMinutes(20).toNanos());
    store.atLeastPrevious("alice", 1);
    nanos.addAndGet(Duration.ofMinutes(20).toNanos());

    assertThat(store.atLeastPrevious("alice", 0)).isEqualTo(2);
  }

  @Test
  void theStoreHoldsAtMostMaxSessions() {
    for (int i = 0; i < 1_000; i++) {
      store.atLeastPrevious("session-" + i, 1);
    }

    assertThat(store.size()).isLessThanOrEqualTo(100);
  }
}
