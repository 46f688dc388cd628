package dev.gearbox.router.routing;

import java.util.List;

/**
 * A rule ready to run: its conditions ordered cheap first, its tier resolved to an index.
 *
 * @param label what x-gearbox-decision says when it decides: {@code rule:<name>}, built once
 */
record CompiledRule(String name, int tier, List<Condition> conditions, String label) {

  CompiledRule(String name, int tier, List<Condition> conditions) {
    this(name, tier, conditions, "rule:" + name);
  }

  /** Tests the conditions from {@code at.condition} on, moving it past each one that holds. */
  boolean matchesFrom(RequestContext request, DecisionProgress at) {
    for (; at.condition < conditions.size(); at.condition++) {
      if (!conditions.get(at.condition).test(request)) {
        return false;
      }
    }
    return true;
  }
}
