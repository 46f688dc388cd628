package dev.gearbox.router.routing;

/** Every tier of the policy is unready. */
public final class NoReadyTierException extends Exception {
  public NoReadyTierException(String policy) {
    super("no tier of policy " + policy + " is ready");
  }
}
