package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.api.v1alpha1.ScoreRange;
import dev.gearbox.api.v1alpha1.Semantic;
import dev.gearbox.router.request.Message;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.policy;
import static dev.gearbox.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionEngineTest {

  private static RequestContext request(Map<String, String> headers, String... userTurns) {
    List<Message> messages = java.util.Arrays.stream(userTurns).map(t -> new Message("user", t)).toList();
    return new RequestContext(headers, "auto", messages, null);
  }

  private static RequestContext ask(String... userTurns) {
    return request(Map.of(), userTurns);
  }

  private static Decision decide(String yaml, RequestContext request) throws NoReadyTierException {
    return DecisionEngine.decide(snapshot(TIERS + "---\n" + yaml).policies().get(0), request);
  }

  private static String tier(String yaml, RequestContext request) throws NoReadyTierException {
    return decide(yaml, request).tier().name();
  }

  @Test
  void keywordsMatchWholeWordsIgnoringCase() throws Exception {
    String yaml = policy("""
        rules:
          - {name: code, tier: large, keywords: {any: [SQL, "step by step"]}}
        """);

    assertThat(tier(yaml, ask("Write the sql? please"))).isEqualTo("large");
    assertThat(tier(yaml, ask("Explain it Step By Step"))).isEqualTo("large");
    assertThat(tier(yaml, ask("a sequel about sqlite"))).isEqualTo("medium");
  }

  @Test
  void allKeywordsMustOccur() throws Exception {
    String yaml = policy("""
        rules:
          - {name: both, tier: large, keywords: {all: [prove, lemma]}}
        """);

    assertThat(tier(yaml, ask("prove the lemma"))).isEqualTo("large");
    assertThat(tier(yaml, ask("prove it"))).isEqualTo("medium");
  }

  @Test
  void regexTokensAndMessageCounts() throws Exception {
    String yaml = policy("""
        rules:
          - {name: code-fence, tier: large, regex: "```"}
          - {name: short, tier: small, promptTokens: {max: 5}, messages: {max: 1}}
        """);

    assertThat(decide(yaml, ask("fix ```x```")).decidedBy()).isEqualTo("rule:code-fence");
    assertThat(tier(yaml, ask("hello there"))).isEqualTo("small");
    assertThat(tier(yaml, ask("hello there", "and again"))).as("two turns").isEqualTo("medium");
    assertThat(tier(yaml, ask("this one is much longer than five tokens"))).isEqualTo("medium");
  }

  @Test
  void scopeChoosesLastUserMessageOrConversation() throws Exception {
    String yaml = policy("""
        rules:
          - {name: whole, tier: large, scope: Conversation, keywords: {any: [kubernetes]}}
          - {name: last, tier: small, keywords: {any: [thanks]}}
        """);

    assertThat(tier(yaml, ask("about kubernetes", "thanks"))).isEqualTo("large");
    assertThat(tier(yaml, ask("hello", "thanks"))).isEqualTo("small");
  }

  @Test
  void headerEqualsAndPresent() throws Exception {
    String yaml = policy("""
        rules:
          - {name: premium, tier: large, header: {name: X-User-Tier, value: premium}}
          - {name: batch, tier: small, header: {name: x-batch}}
        """);

    assertThat(tier(yaml, request(Map.of("x-user-tier", "premium"), "hi"))).isEqualTo("large");
    assertThat(tier(yaml, request(Map.of("x-user-tier", "free"), "hi"))).isEqualTo("medium");
    assertThat(tier(yaml, request(Map.of("x-batch", ""), "hi"))).isEqualTo("small");
  }

  @Test
  void firstMatchingRuleWinsElseDefault() throws Exception {
    String yaml = policy("""
        rules:
          - {name: first, tier: small, keywords: {any: [hello]}}
          - {name: second, tier: large, keywords: {any: [hello]}}
        """);

    assertThat(decide(yaml, ask("hello")).decidedBy()).isEqualTo("rule:first");
    Decision none = decide(yaml, ask("goodbye"));
    assertThat(none.decidedBy()).isEqualTo("default");
    assertThat(none.tier().name()).isEqualTo("medium");
  }

  private static String withUnready(String tier) {
    return TIERS.replace("metadata: {name: " + tier + ", namespace: team}\nspec:",
        "metadata: {name: " + tier + ", namespace: team}\nstatus: {conditions: [{type: Ready, status: \"False\"}]}\nspec:");
  }

  private static Decision decideWith(String tiers, String policyYaml, RequestContext request)
      throws NoReadyTierException {
    return DecisionEngine.decide(snapshot(tiers + "---\n" + policyYaml).policies().get(0), request);
  }

  @Test
  void unreadyTierEscalatesOrDescends() throws Exception {
    Decision escalated = decideWith(withUnready("medium"), policy(""), ask("hi"));
    assertThat(escalated.tier().name()).isEqualTo("large");
    assertThat(escalated.fellBack()).isTrue();
    assertThat(escalated.explanation()).isEqualTo("default;fallback=medium-not-ready");

    assertThat(decideWith(withUnready("medium"), policy("fallback: Descend"), ask("hi")).tier().name())
        .isEqualTo("small");
    assertThat(decideWith(withUnready("medium"), policy("fallback: None"), ask("hi")).tier().name())
        .isEqualTo("medium");
    assertThat(decideWith(withUnready("large"), policy("defaultTier: large").replace("  defaultTier: medium\n", ""),
        ask("hi")).tier().name()).as("nothing above: the other direction").isEqualTo("medium");
  }

  @Test
  void noReadyTierIsAnError() {
    String allDown = withUnready("small").replace("metadata: {name: medium, namespace: team}\nspec:",
            "metadata: {name: medium, namespace: team}\nstatus: {conditions: [{type: Ready, status: \"False\"}]}\nspec:")
        .replace("metadata: {name: large, namespace: team}\nspec:",
            "metadata: {name: large, namespace: team}\nstatus: {conditions: [{type: Ready, status: \"False\"}]}\nspec:");

    assertThatThrownBy(() -> decideWith(allDown, policy(""), ask("hi"))).isInstanceOf(NoReadyTierException.class)
        .hasMessageContaining("team/auto");
  }

  @Test
  void aSessionNeverStepsDownWithinItsTtl() throws Exception {
    CompiledPolicy compiled = snapshot(TIERS + "---\n" + policy("""
        stickiness: {header: X-Session-Id, ttlSeconds: 600}
        rules:
          - {name: hard, tier: large, keywords: {any: [prove]}}
          - {name: easy, tier: small, keywords: {any: [hi]}}
        """)).policies().get(0);
    Map<String, String> session = Map.of("x-session-id", "s1");

    assertThat(DecisionEngine.decide(compiled, request(session, "hi")).tier().name()).isEqualTo("small");
    assertThat(DecisionEngine.decide(compiled, request(session, "prove it")).tier().name()).isEqualTo("large");
    Decision after = DecisionEngine.decide(compiled, request(session, "hi"));
    assertThat(after.tier().name()).isEqualTo("large");
    assertThat(after.sticky()).isTrue();
    assertThat(after.explanation()).isEqualTo("rule:easy;sticky");
    assertThat(DecisionEngine.decide(compiled, request(Map.of("x-session-id", "s2"), "hi")).tier().name())
        .as("another session").isEqualTo("small");
  }

  /** A fake classifier that counts how often its expensive signal runs. */
  private static final class CountingClassifiers implements Classifiers {
    final AtomicInteger semanticCalls = new AtomicInteger();

    @Override
    public Condition semantic(Semantic semantic, Scope scope, EmbeddingModel embedding) {
      return new Condition() {
        @Override
        public boolean test(RequestContext request) {
          semanticCalls.incrementAndGet();
          return request.text(scope).contains(semantic.examples().get(0));
        }

        @Override
        public Cost cost() {
          return Cost.EXPENSIVE;
        }
      };
    }

    @Override
    public Condition complexity(ScoreRange range, Scope scope, EmbeddingModel embedding) {
      return request -> request.estimatedTokens(scope) / 10.0 >= range.min();
    }

    @Override
    public TierEstimator estimator(String policyId, Complexity complexity, int tierCount, EmbeddingModel embedding,
        PolicyData.Bound data) {
      return request -> Math.min(tierCount - 1, request.turnCount() - 1);
    }
  }

  @Test
  void expensiveSignalsRunOnlyAfterTheRulesCheapConditionsHold() throws Exception {
    CountingClassifiers classifiers = new CountingClassifiers();
    CompiledPolicy compiled = snapshot(TIERS + "---\n" + policy("""
        rules:
          - {name: legal, tier: large, semantic: {examples: [contract]}, keywords: {any: [law]}}
        complexity: {thresholds: [0.3, 0.6]}
        """), classifiers).policies().get(0);

    assertThat(DecisionEngine.decide(compiled, ask("no keyword here")).decidedBy()).isEqualTo("complexity");
    assertThat(classifiers.semanticCalls).hasValue(0);
    assertThat(DecisionEngine.decide(compiled, ask("contract law")).decidedBy()).isEqualTo("rule:legal");
    assertThat(classifiers.semanticCalls).hasValue(1);
    assertThat(DecisionEngine.decide(compiled, ask("a", "b", "c")).tier().name())
        .as("estimator picks by its own signal").isEqualTo("large");
  }

  @Test
  void memoComputesOncePerRequest() {
    RequestContext request = ask("x");
    AtomicInteger computed = new AtomicInteger();

    request.memo("k", computed::incrementAndGet);
    request.memo("k", computed::incrementAndGet);

    assertThat(computed).hasValue(1);
  }
}
