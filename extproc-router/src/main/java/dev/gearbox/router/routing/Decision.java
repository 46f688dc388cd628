package dev.gearbox.router.routing;

import java.util.List;

/**
 * The tier a request goes to and why.
 *
 * @param decidedBy  what picked the tier: {@code rule:<name>}, the estimator's name, or {@code default}
 * @param chosen     the tier the signals picked, before stickiness and fallback
 * @param fellBack   the chosen tier was not ready and another one was used
 * @param floor      what raised the choice: the conversation's earlier turns, the session's earlier tier, or nothing
 * @param estimate   what the policy's estimator concluded, or null when a rule or the default decided
 * @param signals    the rules tested and the signals run for this request, in order
 */
public record Decision(TierTarget tier, String decidedBy, TierTarget chosen, boolean fellBack, Floor floor,
    Estimate estimate, List<String> signals) {

  /** What kept a turn from going below the tier its conversation reached. */
  public enum Floor { NONE, CONVERSATION, SESSION }

  /** Whether an earlier turn raised the choice. */
  public boolean sticky() {
    return floor != Floor.NONE;
  }

  /** The x-gearbox-decision header: the signal, plus what changed its answer. */
  public String explanation() {
    StringBuilder text = new StringBuilder(decidedBy);
    if (floor == Floor.CONVERSATION) {
      text.append(";conversation");
    } else if (floor == Floor.SESSION) {
      text.append(";sticky");
    }
    if (fellBack) {
      text.append(";fallback=").append(chosen.name()).append("-not-ready");
    }
    return text.toString();
  }
}
