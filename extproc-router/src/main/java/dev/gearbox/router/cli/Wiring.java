package dev.gearbox.router.cli;

import dev.gearbox.router.routing.Classifiers;

/** The pieces every command assembles the same way. */
final class Wiring {
  private Wiring() {
  }

  /** The model-backed signals available to policies. */
  static Classifiers classifiers() {
    return Classifiers.unavailable();
  }
}
