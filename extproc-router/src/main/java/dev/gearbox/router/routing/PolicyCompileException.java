package dev.gearbox.router.routing;

/** A policy that cannot be turned into a routing snapshot; the message names the policy and the field. */
public final class PolicyCompileException extends Exception {
  public PolicyCompileException(String message) {
    super(message);
  }
}
