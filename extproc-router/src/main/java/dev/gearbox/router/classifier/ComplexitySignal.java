package dev.gearbox.router.classifier;

import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.router.routing.RequestContext;

/**
 * The complexity score of a request's last user message, computed at most once per request and shared by the
 * estimator and any rule's complexity condition. The embedding is requested only when the lexical head is unsure.
 */
final class ComplexitySignal {
  private final ComplexityScorer scorer;
  private final Embedder embedder;

  ComplexitySignal(ComplexityScorer scorer, Embedder embedder) {
    this.scorer = scorer;
    this.embedder = embedder;
  }

  ComplexityWeights weights() {
    return scorer.weights();
  }

  ComplexityScorer.Score score(RequestContext request) {
    return request.memo(this, () -> scorer.score(request.lastUserText(),
        () -> RequestEmbedding.of(request, embedder, Scope.LastUserMessage)));
  }
}
