package dev.gearbox.router.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The accounting behind issue 18 #4's limits, without a server. */
class ByteBudgetTest {

  @Test
  void chargesStayWithinTheLimitAndAStreamReturnsWhatItHeldHoweverItEnds() {
    ByteBudget budget = new ByteBudget(100);
    ByteBudget.Account first = budget.account();
    ByteBudget.Account second = budget.account();

    assertThat(first.tryCharge(60)).isTrue();
    assertThat(second.tryCharge(60)).as("past the limit: nothing taken").isFalse();
    assertThat(budget.used()).isEqualTo(60);
    second.charge(70); // an unread answer: already in memory, counted even past the limit
    assertThat(first.tryCharge(1)).isFalse();

    first.refund(500); // a late release cannot return more than the account holds
    second.refundAll();
    second.refund(70);

    assertThat(budget.used()).isZero();
    assertThat(first.tryCharge(0)).as("nothing to hold is never refused").isTrue();
  }

  @Test
  void aDecisionWaitingPastTheThresholdIsAStallUntilItEnds() {
    AtomicLong now = new AtomicLong();
    StallWatch stalls = new StallWatch(Duration.ofSeconds(10), now::get);
    Object decision = new Object();

    stalls.started(decision);
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(stalls.stalled()).isFalse();
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(stalls.stalled()).isTrue();

    stalls.ended(decision);
    assertThat(stalls.stalled()).isFalse();
  }
}
