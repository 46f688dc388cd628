package dev.gearbox.router.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all streams together may hold beyond the message being decided: request headers waiting for their
 * body, bodies queued for the workers, answers a slow reader has not taken yet. Past the budget a request gets its
 * policy's answer to an overload instead of a place in memory, so no number of streams, headers or unread answers
 * can exhaust the heap.
 */
final class ByteBudget {
  private final long limit;
  private final AtomicLong used = new AtomicLong();

  ByteBudget(long limit) {
    this.limit = limit;
  }

  long used() {
    return used.get();
  }

  /** One stream's share: what it holds, returned in full when the stream ends however it ends. */
  Account account() {
    return new Account();
  }

  final class Account {
    private final AtomicLong held = new AtomicLong();

    /** Takes {@code bytes} if the budget has room; false leaves nothing taken. */
    boolean tryCharge(long bytes) {
      if (bytes == 0) {
        return true;
      }
      long now;
      do {
        now = used.get();
        if (now + bytes > limit) {
          return false;
        }
      } while (!used.compareAndSet(now, now + bytes));
      held.addAndGet(bytes);
      return true;
    }

    /** Takes {@code bytes} even past the budget: for what is already in memory and must stay there. */
    void charge(long bytes) {
      used.addAndGet(bytes);
      held.addAndGet(bytes);
    }

    /** Returns up to {@code bytes} of what this account holds (never more, whatever order the releases come in). */
    void refund(long bytes) {
      long now;
      long take;
      do {
        now = held.get();
        take = Math.min(now, bytes);
      } while (!held.compareAndSet(now, now - take));
      used.addAndGet(-take);
    }

    void refundAll() {
      used.addAndGet(-held.getAndSet(0));
    }
  }
}
