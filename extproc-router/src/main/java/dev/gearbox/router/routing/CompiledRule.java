package dev.gearbox.router.routing;

import java.util.List;

/** A rule ready to run: its conditions ordered cheap first, its tier resolved to an index. */
record CompiledRule(String name, int tier, List<Condition> conditions) {

  boolean matches(RequestContext request) {
    for (Condition condition : conditions) {
      if (!condition.test(request)) {
        return false;
      }
    }
    return true;
  }
}
