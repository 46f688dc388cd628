package dev.gearbox.router.routing;

/**
 * The tier a request goes to and why.
 *
 * @param decidedBy  what picked the tier: {@code rule:<name>}, the estimator's name, or {@code default}
 * @param chosen     the tier the signals picked, before stickiness and fallback
 * @param fellBack   the chosen tier was not ready and another one was used
 * @param sticky     the session's earlier tier raised the choice
 */
public record Decision(TierTarget tier, String decidedBy, TierTarget chosen, boolean fellBack, boolean sticky) {

  /** The x-gearbox-decision header: the signal, plus what changed its answer. */
  public String explanation() {
    StringBuilder text = new StringBuilder(decidedBy);
    if (sticky) {
      text.append(";sticky");
    }
    if (fellBack) {
      text.append(";fallback=").append(chosen.name()).append("-not-ready");
    }
    return text.toString();
  }
}
