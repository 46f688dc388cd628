package dev.gearbox.router.cli;

/**
 * A mistake the user can fix from the message alone (a missing file, a busy port, a bad option value): printed as one
 * line, exit code 2, no stack trace.
 */
public final class UsageError extends RuntimeException {
  public UsageError(String message) {
    super(message, null, false, false);
  }
}
