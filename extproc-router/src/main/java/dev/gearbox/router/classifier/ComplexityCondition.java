package dev.gearbox.router.classifier;

import dev.gearbox.router.routing.Condition;
import dev.gearbox.router.routing.RequestContext;

/** A rule condition on the complexity score: {@code min <= score < max}, either bound optional. */
final class ComplexityCondition implements Condition {
  private final ComplexitySignal signal;
  private final double min;
  private final double max;

  ComplexityCondition(ComplexitySignal signal, Double min, Double max) {
    this.signal = signal;
    this.min = min == null ? Double.NEGATIVE_INFINITY : min;
    this.max = max == null ? Double.POSITIVE_INFINITY : max;
  }

  @Override
  public boolean test(RequestContext request) {
    double score = signal.score(request).value();
    return score >= min && score < max;
  }

  @Override
  public Cost cost() {
    return Cost.EXPENSIVE; // tens of microseconds: after the plain text tests of its rule
  }
}
