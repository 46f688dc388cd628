package dev.gearbox.router.routing;

/** The request's session id cannot be used (too long); the policy's failure mode answers (invalid_session_id). */
public final class InvalidSessionException extends RuntimeException {

  InvalidSessionException(String message) {
    super(message, null, false, false);
  }
}
