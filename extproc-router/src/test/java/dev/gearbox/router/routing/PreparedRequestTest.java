package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.api.v1alpha1.ScoreRange;
import dev.gearbox.api.v1alpha1.Semantic;
import dev.gearbox.router.cli.Wiring;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.as;
import static dev.gearbox.router.Fixtures.chat;
import static dev.gearbox.router.Fixtures.chatHeaders;
import static dev.gearbox.router.Fixtures.policy;
import static dev.gearbox.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** A body that needs a model is parsed and decided once: inline as far as it may go, then on from there. */
class PreparedRequestTest {
  private static final String LEXICAL = "lexical";
  private final AtomicInteger cheapTests = new AtomicInteger();
  private final AtomicInteger lexicalRuns = new AtomicInteger();
  private final AtomicInteger modelRuns = new AtomicInteger();

  /** Complexity conditions that hold and need no model; semantic ones that need one and hold when {@code holds}. */
  private Classifiers counting(boolean holds) {
    Classifiers real = Wiring.classifiers();
    return new Classifiers() {
      @Override
      public Condition complexity(ScoreRange range, Scope scope, EmbeddingModel embedding) {
        return request -> {
          cheapTests.incrementAndGet();
          return request.memo(LEXICAL, lexicalRuns::incrementAndGet) > 0;
        };
      }

      @Override
      public Condition semantic(Semantic semantic, Scope scope, EmbeddingModel embedding) {
        return new Condition() {
          @Override
          public boolean test(RequestContext request) {
            return request.modelRun(this, () -> {
              modelRuns.incrementAndGet();
              return request.memo(LEXICAL, lexicalRuns::incrementAndGet) > 0 && holds; // computed inline already
            });
          }

          @Override
          public Cost cost() {
            return Cost.EXPENSIVE;
          }
        };
      }

      @Override
      public TierEstimator estimator(String policyId, Complexity complexity, int tierCount, EmbeddingModel embedding,
          PolicyData.Bound data) throws PolicyCompileException {
        return real.estimator(policyId, complexity, tierCount, embedding, data);
      }
    };
  }

  private static RequestRouter router(String specBody, Classifiers classifiers) {
    PolicySnapshot snapshot = snapshot(TIERS + "---\n" + policy(specBody), classifiers);
    return new RequestRouter(() -> snapshot, RouterSettings.defaults(), RouterEvents.NONE);
  }

  @Test
  void theWorkerGoesOnFromTheConditionThatNeededAModelWithTheSameContext() {
    RequestRouter router = router("""
        failureMode: FailClose
        rules:
          - {name: none, tier: small, keywords: {any: [refund]}}
          - {name: legal, tier: large, complexity: {min: 0}, semantic: {examples: [contract]}}
        """, counting(true));
    byte[] body = chat("auto", "hi");

    PreparedRequest prepared = as(PreparedRequest.class, router.onBodyInline(chatHeaders(), body));
    assertThat(cheapTests).as("the cheap condition ran inline").hasValue(1);
    assertThat(modelRuns).as("refused inline").hasValue(0);
    Arrays.fill(body, (byte) ' '); // what the worker decides from was parsed inline: the bytes are not read again
    RouteResult.Routed routed = as(RouteResult.Routed.class, router.complete(prepared));

    assertThat(routed.decision().decidedBy()).isEqualTo("rule:legal");
    assertThat(routed.decision().signals()).containsExactly("rule:none", "rule:legal");
    assertThat(cheapTests).as("not run again on the worker").hasValue(1);
    assertThat(modelRuns).hasValue(1);
    assertThat(lexicalRuns).as("the memo came along").hasValue(1);
  }

  @Test
  void theEstimatorCountsARequestHandedToAWorkerOnce() {
    RequestRouter router = router("""
        complexity: {targetShares: [35, 25, 40], calibration: Track}
        rules:
          - {name: legal, tier: large, semantic: {examples: [contract]}}
        """, counting(false));

    PreparedRequest prepared = as(PreparedRequest.class, router.onBodyInline(chatHeaders(), chat("auto", "hi")));
    RouteResult.Routed routed = as(RouteResult.Routed.class, router.complete(prepared));

    assertThat(routed.decision().decidedBy()).isEqualTo("complexity");
    assertThat(routed.policy().estimator().shares().windowSize()).isEqualTo(1);
  }

  @Test
  void aDecisionThatNeedsNoModelIsMadeInline() {
    RequestRouter router = router("""
        rules:
          - {name: legal, tier: large, complexity: {min: 0}}
        """, counting(true));

    RouteResult.Routed routed = as(RouteResult.Routed.class, router.onBodyInline(chatHeaders(), chat("auto", "hi")));

    assertThat(routed.decision().decidedBy()).isEqualTo("rule:legal");
  }

  @Test
  void aPreparedRequestTheWorkersHaveNoRoomForGetsItsPolicysOverloadAnswer() {
    RequestRouter router = router("""
        rules:
          - {name: legal, tier: large, semantic: {examples: [contract]}}
        """, counting(true));
    PreparedRequest prepared = as(PreparedRequest.class, router.onBodyInline(chatHeaders(), chat("auto", "hi")));

    RouteResult.FailedOpen failedOpen = as(RouteResult.FailedOpen.class, router.onOverload(prepared));

    assertThat(failedOpen.reason()).isEqualTo("overloaded");
    assertThat(new String(failedOpen.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"model\":\"medium-model\"");
    assertThat(modelRuns).hasValue(0);
  }
}
