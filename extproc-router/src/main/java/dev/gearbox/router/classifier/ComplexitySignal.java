package dev.gearbox.router.classifier;

import dev.gearbox.router.routing.RequestContext;

/**
 * The complexity score of a request's last user message, computed at most once per request and shared by the
 * estimator and any rule's complexity condition.
 */
final class ComplexitySignal {
  private final ComplexityScorer scorer;

  ComplexitySignal(ComplexityScorer scorer) {
    this.scorer = scorer;
  }

  ComplexityWeights weights() {
    return scorer.weights();
  }

  ComplexityScorer.Score score(String text) {
    return scorer.score(text);
  }

  ComplexityScorer.Score score(RequestContext request) {
    return request.memo(this, () -> scorer.score(request.lastUserText()));
  }
}
