package dev.gearbox.router.classifier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.hash.Hashing;
import dev.gearbox.router.routing.RequestContext;

import java.nio.charset.StandardCharsets;

/**
 * The complexity score of a request's last user message, computed at most once per request and shared by the
 * estimator and any rule's complexity condition; and the scores of a conversation's earlier user turns for its
 * floor. A conversation resends its history with every turn, so the last turns' scores are kept by a hash of their
 * text: an earlier turn this replica scored as a last turn costs a hash, not a score. A last turn is always scored.
 */
final class ComplexitySignal {
  /** About 100 bytes an entry, so 6.5 MB at most, whatever clients send. */
  private static final int RECENT_SCORES = 65_536;
  private final ComplexityScorer scorer;
  private final Cache<Long, ComplexityScorer.Score> recent = Caffeine.newBuilder().maximumSize(RECENT_SCORES)
      .executor(Runnable::run).build();

  private final Object conversationKey = new Object();

  ComplexitySignal(ComplexityScorer scorer) {
    this.scorer = scorer;
  }

  ComplexityWeights weights() {
    return scorer.weights();
  }

  ComplexityScorer.Score score(String text) {
    return scorer.score(text);
  }

  /** An earlier turn's score: the one it got as a last turn when this replica saw it lately, else a new one. */
  ComplexityScorer.Score scoreEarlier(String text) {
    return recent.get(key(text), k -> scorer.score(text));
  }

  ComplexityScorer.Score score(RequestContext request) {
    return request.memo(this, () -> {
      ComplexityScorer.Score score = scorer.score(request.lastUserText());
      recent.put(key(request.lastUserText()), score);
      return score;
    });
  }

  /** The score of the whole conversation's text, once per request. */
  ComplexityScorer.Score scoreConversation(RequestContext request) {
    return request.memo(conversationKey, () -> scorer.score(request.conversationText()));
  }

  private static long key(String text) {
    return Hashing.murmur3_128().hashString(text, StandardCharsets.UTF_8).asLong();
  }
}
