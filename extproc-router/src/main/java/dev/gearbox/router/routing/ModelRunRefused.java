package dev.gearbox.router.routing;

/**
 * Thrown when a signal needs a model run while the request is being decided without one (on a transport thread);
 * the caller decides again where models may run. Control flow, so it carries no stack trace.
 */
public final class ModelRunRefused extends RuntimeException {

  ModelRunRefused() {
    super("a model run is needed", null, false, false);
  }
}
