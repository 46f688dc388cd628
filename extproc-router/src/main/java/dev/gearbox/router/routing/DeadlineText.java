package dev.gearbox.router.routing;

/**
 * A text that a scan may read only until a deadline: every few thousand characters read, the clock is checked and,
 * once past, {@link DecisionTimeout} ends the scan. Bounds a regex over a long prompt on the workers in time, not
 * only in steps.
 */
final class DeadlineText implements CharSequence {
  private static final int CHECK_EVERY = 4096;

  private final String text;
  private final long deadlineNanos;
  private int untilCheck = CHECK_EVERY;

  DeadlineText(String text, long deadlineNanos) {
    this.text = text;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public char charAt(int index) {
    if (--untilCheck <= 0) {
      untilCheck = CHECK_EVERY;
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new DecisionTimeout();
      }
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new DeadlineText(text.substring(start, end), deadlineNanos);
  }

  @Override
  public String toString() {
    return text;
  }
}
