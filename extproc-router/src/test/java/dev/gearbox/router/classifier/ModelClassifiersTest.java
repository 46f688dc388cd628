package dev.gearbox.router.classifier;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.api.v1alpha1.Semantic;
import dev.gearbox.router.Fixtures;
import dev.gearbox.router.request.Message;
import dev.gearbox.router.routing.Condition;
import dev.gearbox.router.metrics.RouterMetrics;
import dev.gearbox.router.routing.Estimate;
import dev.gearbox.router.routing.ShareView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.gearbox.router.routing.PolicyCompileException;
import dev.gearbox.router.routing.PolicyData;
import dev.gearbox.router.routing.RequestContext;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The semantic condition and the complexity estimator on the bundled model and the shipped weights. */
class ModelClassifiersTest {
  private static final PolicyData.Bound NO_DATA = PolicyData.none().in("test");
  private static final String EASY = "What time is it in Tokyo right now?";
  private static final String HARD = "Prove that for every prime p greater than 3, p^2 - 1 is divisible by 24. "
      + "Then generalise: for which integers n does n^2 - 1 divisible by 24 hold, and give a rigorous argument "
      + "using modular arithmetic.";
  private static final ModelClassifiers classifiers = BundledClassifiers.get();

  @Test
  void aRuleOnlyPolicyNeverOpensOnnxRuntime() {
    EmbeddingModels untouched = new EmbeddingModels(ClassifierSettings.defaults());

    Fixtures.snapshot(Fixtures.TIERS + "---\n" + Fixtures.policy("""
        rules:
          - {name: code, tier: large, keywords: {any: [python]}}
        """), new ModelClassifiers(untouched, null));

    assertThat(untouched.openSessions()).isZero();
  }

  @Test
  void theSemanticRuleMatchesParaphrasesOfItsExamplesAndNotUnrelatedPrompts() throws PolicyCompileException {
    Condition refunds = classifiers.semantic(new Semantic(List.of("How do I get a refund for my order?",
        "I want my money back for a purchase"), 0.6), Scope.LastUserMessage, null);

    assertThat(refunds.cost()).isEqualTo(Condition.Cost.EXPENSIVE);
    assertThat(refunds.test(request("Can I get a refund on the order I placed last week?"))).isTrue();
    assertThat(refunds.test(request("I'd like my money back for something I bought"))).isTrue();
    assertThat(refunds.test(request("Write a haiku about the sea at night"))).isFalse();
    assertThat(refunds.test(request("Explain how a transformer's attention layer works"))).isFalse();
  }

  @Test
  void theEstimatorRanksAnObviouslyHardPromptAboveAnObviouslyEasyOne() throws PolicyCompileException {
    ComplexityEstimator estimator = (ComplexityEstimator) classifiers.estimator("test/policy",
        new Complexity(List.of(0.5, 0.6), null), 3, null, NO_DATA);

    RequestContext easy = request(EASY);
    RequestContext hard = request(HARD);
    assertThat(estimator.score(hard).value()).isGreaterThan(estimator.score(easy).value() + 0.3);
    assertThat(estimator.tier(easy)).isZero();
    assertThat(estimator.tier(hard)).isEqualTo(2);
    assertThat(estimator.name()).isEqualTo("complexity");
  }

  @Test
  void theEstimatorNeverOpensAnOnnxSession() throws PolicyCompileException {
    EmbeddingModels untouched = new EmbeddingModels(ClassifierSettings.defaults());
    ComplexityEstimator estimator = (ComplexityEstimator) new ModelClassifiers(untouched, null).estimator("test/policy",
        new Complexity(List.of(0.5, 0.6), null), 3, null, NO_DATA);

    estimator.tier(request(HARD));

    assertThat(untouched.openSessions()).isZero();
  }

  @Test
  void theIssuesSurfaceVariantsGetOneTier() throws PolicyCompileException {
    ComplexityEstimator estimator = (ComplexityEstimator) classifiers.estimator("test/policy",
        new Complexity(null, List.of(35, 25, 40)), 3, null, NO_DATA);

    assertThat(estimator.tier(request("What is 2+2?"))).isEqualTo(estimator.tier(request("what is 2+2")));
    assertThat(estimator.tier(request("Write a Python function to check if a number is prime.")))
        .isEqualTo(estimator.tier(request("write a python function to check if a number is prime")));
    assertThat(estimator.tier(request("Please explain the difference between TCP and UDP.")))
        .isEqualTo(estimator.tier(request("Explain the difference between TCP and UDP")));
  }

  @Test
  void sharesBecomeAscendingThresholdsFromTheShippedScoreCurve() throws PolicyCompileException {
    ComplexityEstimator estimator = (ComplexityEstimator) classifiers.estimator("test/policy",
        new Complexity(null, List.of(50, 30, 20)), 3, null, NO_DATA);

    assertThat(estimator.thresholds()).hasSize(2).isSorted();
    assertThat(estimator.thresholds()[0]).isGreaterThan(0.0);
    assertThat(estimator.thresholds()[1]).isLessThan(1.0);
    assertThatThrownBy(() -> classifiers.estimator("test/policy", new Complexity(List.of(0.5), null), 3, null,
        NO_DATA))
        .isInstanceOf(PolicyCompileException.class).hasMessageContaining("needs 2 values");
  }

  @Test
  void theDecisionCarriesTheEstimatorsScoreProbabilitiesAndThresholds() {
    var snapshot = Fixtures.snapshot(Fixtures.TIERS + "---\n" + Fixtures.policy("""
        complexity: {thresholds: [0.5, 0.6]}
        """), classifiers);
    RequestRouter router = new RequestRouter(() -> snapshot, RouterSettings.defaults(), RouterEvents.NONE);

    RouteResult result = router.onBody(Fixtures.chatHeaders(), body(HARD));

    assertThat(result.decision().tier().name()).isEqualTo("large");
    assertThat(result.setHeaders()).containsEntry(RequestRouter.DECISION_HEADER, result.decision().decidedBy());
    assertThat(result.decision().decidedBy()).isEqualTo("complexity");
    Estimate estimate = result.decision().estimate();
    assertThat(estimate.score()).isBetween(0.6, 1.0);
    assertThat(estimate.probabilities()).hasSize(3);
    assertThat(estimate.probabilities()[0] + estimate.probabilities()[1] + estimate.probabilities()[2])
        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(estimate.thresholds()).containsExactly(0.5, 0.6);
    assertThat(result.decision().signals()).containsExactly("complexity");
  }

  @Test
  void aTrackingPolicyKeepsItsTrackerAcrossAReloadAndShowsItsSharesInMetrics() {
    String track = Fixtures.TIERS + "---\n" + Fixtures.policy("""
        complexity: {targetShares: [35, 25, 40], calibration: Track}
        """);
    var first = Fixtures.snapshot(track, classifiers);
    var reloaded = Fixtures.snapshot(track, classifiers);
    var retargeted = Fixtures.snapshot(track.replace("[35, 25, 40]", "[50, 30, 20]"), classifiers);
    ShareView tracker = first.policies().get(0).estimator().shares();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RouterMetrics metrics = new RouterMetrics(registry);

    assertThat(reloaded.policies().get(0).estimator().shares()).isSameAs(tracker);
    assertThat(retargeted.policies().get(0).estimator().shares()).isNotSameAs(tracker);

    new RequestRouter(() -> first, RouterSettings.defaults(), metrics).onBody(Fixtures.chatHeaders(), body(HARD));
    assertThat(registry.get("gearbox.share.target").tags("policy", "team/auto", "tier", "large").gauge().value())
        .isEqualTo(0.40);
    assertThat(registry.get("gearbox.share.realised").tags("policy", "team/auto", "tier", "large").gauge().value())
        .isEqualTo(1.0);
    assertThat(registry.get("gearbox.complexity.threshold").tags("policy", "team/auto", "above", "large").gauge()
        .value()).isEqualTo(tracker.thresholds()[1]);

    new RequestRouter(() -> retargeted, RouterSettings.defaults(), metrics).onBody(Fixtures.chatHeaders(), body(EASY));
    assertThat(registry.get("gearbox.share.target").tags("policy", "team/auto", "tier", "large").gauge().value())
        .isEqualTo(0.20);
  }

  /** Issue 16: a complexity condition read the last user message whatever its rule's scope said. */
  @Test
  void aComplexityConditionReadsItsRulesScope() throws PolicyCompileException {
    var range = new dev.gearbox.api.v1alpha1.ScoreRange(0.7, null);
    Condition last = classifiers.complexity(range, Scope.LastUserMessage, null);
    Condition conversation = classifiers.complexity(range, Scope.Conversation, null);
    RequestContext hardThenEasy = new RequestContext(Map.of(), "auto",
        List.of(new Message("user", HARD), new Message("assistant", "..."), new Message("user", "thanks!")), null);
    assertThat(last.test(request(HARD))).as("HARD scores at least 0.7").isTrue();

    assertThat(last.test(hardThenEasy)).isFalse();
    assertThat(conversation.test(hardThenEasy)).isTrue();
  }

  private static RequestContext request(String prompt) {
    return new RequestContext(Map.of(), "auto", List.of(new Message("user", prompt)), null);
  }

  private static byte[] body(String prompt) {
    return ("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
