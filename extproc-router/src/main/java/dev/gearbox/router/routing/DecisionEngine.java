package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.RoutingPolicySpec.Fallback;

import java.util.List;

/**
 * Picks a tier: the first matching rule, else the policy's estimator, else the default tier; then the highest tier
 * the conversation's earlier user turns earn and the session's earlier tier as floors; then, when that tier is not
 * ready, the fallback direction. Pure apart from the session store.
 */
public final class DecisionEngine {

  private DecisionEngine() {
  }

  /** @throws InvalidSessionException when the request's session id cannot be used */
  public static Decision decide(CompiledPolicy policy, RequestContext request) throws NoReadyTierException {
    return decide(policy, request, new DecisionProgress());
  }

  /**
   * Decides from {@code progress} on, moving it along: after a {@link ModelRunRefused} the same request and progress
   * go on where models may run. Only rules can be refused, and the session's wait before any of them, so the
   * estimator runs (and counts the request) once.
   */
  static Decision decide(CompiledPolicy policy, RequestContext request, DecisionProgress progress)
      throws NoReadyTierException {
    SessionStore sessions = policy.sessions();
    String session = sessions == null ? null : request.header(sessions.header());
    boolean hasSession = session != null && !session.isEmpty();
    if (hasSession && sessions.remote()) {
      request.mayWait(); // before any signal runs, so nothing is computed or counted twice
    }
    int chosen = policy.defaultTier();
    String decidedBy = "default";
    Estimate estimate = null;
    CompiledRule matched = firstMatch(policy.rules(), request, progress);
    if (matched != null) {
      chosen = matched.tier();
      decidedBy = matched.label();
    } else if (policy.estimator() != null) {
      estimate = policy.estimator().estimate(request);
      chosen = estimate.tier();
      decidedBy = policy.estimator().name();
      request.ran(decidedBy);
    }

    int floored = chosen;
    Decision.Floor floor = Decision.Floor.NONE;
    if (policy.history() != null && policy.estimator() != null && chosen < policy.tiers().size() - 1) {
      int earned = policy.estimator().highestTier(
          request.earlierUserTexts(policy.history().turns(), policy.history().chars()));
      if (earned > floored) {
        floored = earned;
        floor = Decision.Floor.CONVERSATION;
      }
    }
    if (hasSession) {
      int remembered = sessions.atLeastPrevious(session, request.header("authorization"), floored);
      if (remembered > floored) {
        floored = remembered;
        floor = Decision.Floor.SESSION;
      }
    }

    int used = ready(policy.tiers(), floored, policy.fallback());
    if (used < 0) {
      throw new NoReadyTierException(policy.id());
    }
    List<TierTarget> tiers = policy.tiers();
    return new Decision(tiers.get(used), decidedBy, tiers.get(floored), used != floored, floor, estimate,
        request.signalsRun());
  }

  private static CompiledRule firstMatch(List<CompiledRule> rules, RequestContext request, DecisionProgress at) {
    for (; at.rule < rules.size(); at.rule++) {
      CompiledRule rule = rules.get(at.rule);
      if (at.condition < 0) {
        request.ran(rule.label());
        at.condition = 0;
      }
      if (rule.matchesFrom(request, at)) {
        return rule;
      }
      at.condition = -1;
    }
    return null;
  }

  /** The tier to use for {@code wanted}: itself when ready, else the nearest ready one in the fallback direction, then the other. */
  static int ready(List<TierTarget> tiers, int wanted, Fallback fallback) {
    if (tiers.get(wanted).ready() || fallback == Fallback.None) {
      return wanted;
    }
    int first = fallback == Fallback.Descend ? -1 : 1;
    int found = nearestReady(tiers, wanted, first);
    return found >= 0 ? found : nearestReady(tiers, wanted, -first);
  }

  private static int nearestReady(List<TierTarget> tiers, int from, int step) {
    for (int i = from + step; i >= 0 && i < tiers.size(); i += step) {
      if (tiers.get(i).ready()) {
        return i;
      }
    }
    return -1;
  }
}
