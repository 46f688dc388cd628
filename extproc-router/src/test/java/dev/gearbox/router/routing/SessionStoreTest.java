package dev.gearbox.router.routing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionStoreTest {
  private final AtomicLong nanos = new AtomicLong();
  private final MemorySessionStore store = new MemorySessionStore("x-session-id", Duration.ofMinutes(30), 100, nanos::get);

  private int atLeastPrevious(String session, int tier) {
    return store.atLeastPrevious(session, null, tier);
  }

  @Test
  void aSessionNeverStepsDownWithinTheTtl() {
    assertThat(atLeastPrevious("alice", 2)).isEqualTo(2);
    nanos.addAndGet(Duration.ofMinutes(29).toNanos());

    assertThat(atLeastPrevious("alice", 0)).isEqualTo(2);
    assertThat(atLeastPrevious("bob", 0)).isZero();
  }

  @Test
  void aSessionIsForgottenOnceTheTtlPassesWithoutARequest() {
    atLeastPrevious("alice", 2);
    nanos.addAndGet(Duration.ofMinutes(31).toNanos());

    assertThat(atLeastPrevious("alice", 0)).isZero();
  }

  @Test
  void everyRequestRestartsTheTtl() {
    atLeastPrevious("alice", 2);
    nanos.addAndGet(Duration.ofMinutes(20).toNanos());
    atLeastPrevious("alice", 1);
    nanos.addAndGet(Duration.ofMinutes(20).toNanos());

    assertThat(atLeastPrevious("alice", 0)).isEqualTo(2);
  }

  @Test
  void theStoreHoldsAtMostMaxSessions() {
    for (int i = 0; i < 1_000; i++) {
      atLeastPrevious("session-" + i, 1);
    }

    assertThat(store.size()).isLessThanOrEqualTo(100);
  }

  /** Issue 18 #1: 60 KiB ids used to be kept whole; now an entry costs the same whatever the id, and long ids fail. */
  @Test
  void memoryDoesNotGrowWithTheIdsLengthAndOverlongIdsAreRefused() {
    for (int i = 0; i < 1_000; i++) {
      atLeastPrevious(i + "-" + "x".repeat(SessionStore.MAX_ID_CHARS - 10), 1);
    }

    assertThat(store.estimatedBytes()).isLessThanOrEqualTo(100L * MemorySessionStore.ENTRY_BYTES);
    assertThatThrownBy(() -> atLeastPrevious("x".repeat(60 * 1024), 1))
        .isInstanceOf(InvalidSessionException.class).hasMessageContaining("at most 256");
  }

  /** Issue 18 #8: knowing a session id is not enough to raise that session; the client's credential is part of it. */
  @Test
  void aSessionIsBoundToTheCredentialThatUsedIt() {
    store.atLeastPrevious("shared-id", "Bearer attacker", 2);

    assertThat(store.atLeastPrevious("shared-id", "Bearer victim", 0)).isZero();
    assertThat(store.atLeastPrevious("shared-id", "Bearer attacker", 0)).isEqualTo(2);
  }

  /** However many sticky policies there are, together they hold at most the router's budget. */
  @Test
  void stickyPoliciesShareOneByteBudget() {
    SessionStores stores = new SessionStores(10L * MemorySessionStore.ENTRY_BYTES);
    var stickiness = new dev.gearbox.api.v1alpha1.Stickiness("x-session-id", 60, 1_000);
    MemorySessionStore a = (MemorySessionStore) stores.forPolicy("ns/a", stickiness);
    MemorySessionStore b = (MemorySessionStore) stores.forPolicy("ns/b", stickiness);
    for (int i = 0; i < 100; i++) {
      a.atLeastPrevious("a" + i, null, 1);
      b.atLeastPrevious("b" + i, null, 1);
    }

    assertThat(a.size() + b.size()).isLessThanOrEqualTo(10);
    assertThat(stores.estimatedBytes()).isLessThanOrEqualTo(10L * MemorySessionStore.ENTRY_BYTES);
  }
}
