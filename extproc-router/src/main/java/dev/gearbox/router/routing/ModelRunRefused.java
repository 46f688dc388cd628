package dev.gearbox.router.routing;

/**
 * Thrown when a signal needs a model run (or a scan too long for a thread that must not block) while the request is
 * being decided on a transport thread; the caller decides again where models may run. Control flow, so it carries
 * no stack trace.
 */
public final class ModelRunRefused extends RuntimeException {

  ModelRunRefused() {
    super("a model run is needed", null, false, false);
  }
}
