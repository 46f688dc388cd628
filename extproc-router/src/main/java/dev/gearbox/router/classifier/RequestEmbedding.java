package dev.gearbox.router.classifier;

import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.router.routing.RequestContext;

/** The embedding of a request's text, computed at most once per request however many signals ask for it. */
final class RequestEmbedding {
  private record Key(Embedder embedder, Scope scope) {
  }

  private RequestEmbedding() {
  }

  static float[] of(RequestContext request, Embedder embedder, Scope scope) {
    return request.modelRun(new Key(embedder, scope), () -> {
      request.ran("embedding");
      return embedder.embed(request.text(scope));
    });
  }
}
