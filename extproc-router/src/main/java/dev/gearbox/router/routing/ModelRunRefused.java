package dev.gearbox.router.routing;

/**
 * Thrown when a signal needs a model run (or a scan too long for a thread that must not block, or a call that may
 * wait) while the request is being decided on a transport thread. It never leaves the router:
 * {@link RequestRouter#onBodyInline} turns it into a {@link PreparedRequest} that a worker finishes. Control flow, so
 * it carries no stack trace.
 */
public final class ModelRunRefused extends RuntimeException {

  ModelRunRefused() {
    super("a model run is needed", null, false, false);
  }
}
