package dev.gearbox.router.routing;

import java.util.List;

/**
 * The tier a request goes to and why.
 *
 * @param decidedBy  what picked the tier: {@code rule:<name>}, the estimator's name, or {@code default}
 * @param chosen     the tier the signals picked, before stickiness and fallback
 * @param fellBack   the chosen tier was not ready and another one was used
 * @param sticky     the session's earlier tier raised the choice
 * @param estimate   what the policy's estimator concluded, or null when a rule or the default decided
 * @param signals    the rules tested and the signals run for this request, in order
 */
public record Decision(TierTarget tier, String decidedBy, TierTarget chosen, boolean fellBack, boolean sticky,
    Estimate estimate, List<String> signals) {

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
