package dev.gearbox.router.routing;

import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How failures reach the log: bounded, and a stack trace only the first time an error of a kind is seen, so a
 * client that can trigger one cannot fill the disk (every occurrence is still counted in gearbox_failures_total).
 */
public final class Failures {
  /** Client text quoted in an error or a log line is cut here. */
  public static final int MAX_QUOTED_CHARS = 200;
  private static final Set<String> LOGGED_WITH_TRACE = ConcurrentHashMap.newKeySet();

  private Failures() {
  }

  /** {@code text} cut to {@link #MAX_QUOTED_CHARS}, with how much was cut. */
  public static String bounded(String text) {
    if (text == null || text.length() <= MAX_QUOTED_CHARS) {
      return text;
    }
    return text.substring(0, MAX_QUOTED_CHARS) + "... (" + (text.length() - MAX_QUOTED_CHARS) + " more)";
  }

  /** One line per occurrence; the stack trace the first time per error class (a bounded set: the code's own). */
  public static void logOnce(Logger log, String what, Throwable error) {
    String line = what + ": " + error.getClass().getName() + ": " + bounded(String.valueOf(error.getMessage()));
    if (LOGGED_WITH_TRACE.add(error.getClass().getName())) {
      log.error("{}", line, error);
    } else {
      log.error("{}", line); // client text in the line is never taken for a format
    }
  }
}
