package dev.gearbox.router.routing;

/**
 * One test a rule makes of a request. Cheap conditions (text, counts, headers) run before expensive ones
 * (embeddings), and a rule stops at the first condition that fails, so an expensive signal only runs when
 * every cheap condition of its rule already holds.
 */
public interface Condition {
  enum Cost { CHEAP, EXPENSIVE }

  boolean test(RequestContext request);

  default Cost cost() {
    return Cost.CHEAP;
  }
}
