package dev.gearbox.router.classifier;

import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.router.routing.Condition;
import dev.gearbox.router.routing.RequestContext;

import java.util.List;

/**
 * Holds when the request's text is at least {@code threshold} cosine-similar to one of the rule's example prompts.
 * The examples are embedded once, when the policy is compiled.
 */
final class SemanticCondition implements Condition {
  private final List<float[]> examples;
  private final double threshold;
  private final Scope scope;
  private final Embedder embedder;

  private SemanticCondition(List<float[]> examples, double threshold, Scope scope, Embedder embedder) {
    this.examples = examples;
    this.threshold = threshold;
    this.scope = scope;
    this.embedder = embedder;
  }

  static SemanticCondition compile(List<String> examples, double threshold, Scope scope, Embedder embedder) {
    return new SemanticCondition(examples.stream().map(embedder::embed).toList(), threshold, scope, embedder);
  }

  /** The highest similarity between {@code text}'s embedding and an example's. */
  double similarity(float[] text) {
    double best = -1;
    for (float[] example : examples) {
      best = Math.max(best, Vectors.cosine(text, example));
    }
    return best;
  }

  @Override
  public boolean test(RequestContext request) {
    return similarity(RequestEmbedding.of(request, embedder, scope)) >= threshold;
  }

  @Override
  public Cost cost() {
    return Cost.EXPENSIVE;
  }
}
