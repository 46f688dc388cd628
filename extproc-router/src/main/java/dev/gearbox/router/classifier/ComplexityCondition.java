package dev.gearbox.router.classifier;

import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.router.routing.Condition;
import dev.gearbox.router.routing.RequestContext;

/**
 * A rule condition on the complexity score of the rule's scope (the last user message, or the whole conversation):
 * {@code min <= score < max}, either bound optional.
 */
final class ComplexityCondition implements Condition {
  private final ComplexitySignal signal;
  private final Scope scope;
  private final double min;
  private final double max;

  ComplexityCondition(ComplexitySignal signal, Scope scope, Double min, Double max) {
    this.signal = signal;
    this.scope = scope;
    this.min = min == null ? Double.NEGATIVE_INFINITY : min;
    this.max = max == null ? Double.POSITIVE_INFINITY : max;
  }

  @Override
  public boolean test(RequestContext request) {
    double score = (scope == Scope.Conversation ? signal.scoreConversation(request) : signal.score(request)).value();
    return score >= min && score < max;
  }

  @Override
  public Cost cost() {
    return Cost.EXPENSIVE; // tens of microseconds: after the plain text tests of its rule
  }
}
