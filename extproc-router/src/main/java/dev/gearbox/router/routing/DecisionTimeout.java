package dev.gearbox.router.routing;

/** A decision ran past its time budget; the policy's failure mode answers (reason decision_timeout). */
public final class DecisionTimeout extends RuntimeException {

  DecisionTimeout() {
    super("the decision ran past its time budget", null, false, false);
  }
}
