package dev.gearbox.router.classifier;

import dev.gearbox.router.Fixtures;
import dev.gearbox.router.request.Message;
import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.Decision;
import dev.gearbox.router.routing.DecisionEngine;
import dev.gearbox.router.routing.RequestContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19: a follow-up after a hard exchange went to the small tier, because only the last turn was scored. */
class ConversationFloorTest {
  private static final String HARD_SQL = "Write a PostgreSQL query that computes, for each customer, the rolling "
      + "90-day revenue by month with window functions, excludes refunded orders, handles currency conversion with "
      + "a rates table keyed by day, and explain the query plan and the indexes it needs.";
  private static final String FOLLOW_UP = "ok, now do the same for the previous quarter and also handle refunds";
  private static final ModelClassifiers classifiers = BundledClassifiers.get();

  private static CompiledPolicy policy(String stickiness) {
    return Fixtures.snapshot(Fixtures.TIERS + "---\n" + Fixtures.policy("""
        complexity: {thresholds: [0.2245, 0.7053]}
        """ + stickiness), classifiers).policies().get(0);
  }

  private static RequestContext conversation(String... userTurns) {
    List<Message> messages = new ArrayList<>();
    for (String turn : userTurns) {
      messages.add(new Message("user", turn));
      messages.add(new Message("assistant", "Here you go: ..."));
    }
    messages.remove(messages.size() - 1);
    return new RequestContext(Map.of(), "auto", messages, null);
  }

  private static Decision decide(CompiledPolicy policy, RequestContext request) throws Exception {
    return DecisionEngine.decide(policy, request);
  }

  @Test
  void aFollowUpInheritsItsConversationsTierAndAFreshConversationDoesNot() throws Exception {
    CompiledPolicy policy = policy("");
    String hard = decide(policy, conversation(HARD_SQL)).tier().name();
    Decision fresh = decide(policy, conversation(FOLLOW_UP));
    assertThat(fresh.tier().rank()).as("the follow-up alone scores lower")
        .isLessThan(policy.tiers().stream().filter(t -> t.name().equals(hard)).findFirst().orElseThrow().rank());

    Decision followUp = decide(policy, conversation(HARD_SQL, FOLLOW_UP));

    assertThat(followUp.tier().name()).isEqualTo(hard);
    assertThat(followUp.floor()).isEqualTo(Decision.Floor.CONVERSATION);
    assertThat(followUp.explanation()).isEqualTo("complexity;conversation");
    assertThat(followUp.estimate().tier()).as("the turn's own estimate is kept").isEqualTo(fresh.estimate().tier());
  }

  @Test
  void modeNoneScoresEveryTurnOnItsOwnAndTheBudgetBoundsTheHistory() throws Exception {
    Decision none = decide(policy("stickiness: {mode: None}"), conversation(HARD_SQL, FOLLOW_UP));
    assertThat(none.floor()).isEqualTo(Decision.Floor.NONE);

    // Only the last two earlier turns count: the hard one is the third back.
    Decision outOfReach = decide(policy("stickiness: {historyTurns: 2}"),
        conversation(HARD_SQL, "thanks", "what time is it in Tokyo?", FOLLOW_UP));
    assertThat(outOfReach.floor()).isEqualTo(Decision.Floor.NONE);
    Decision inReach = decide(policy("stickiness: {historyTurns: 3}"),
        conversation(HARD_SQL, "thanks", "what time is it in Tokyo?", FOLLOW_UP));
    assertThat(inReach.floor()).isEqualTo(Decision.Floor.CONVERSATION);
  }

  @Test
  void earlierTurnsAreScoredWithoutCountingAsDecisions() throws Exception {
    CompiledPolicy policy = policy("");
    long before = policy.estimator().shares().windowSize(); // the tracker outlives recompiles of the same policy
    decide(policy, conversation(HARD_SQL, "thanks", FOLLOW_UP));

    assertThat(policy.estimator().shares().windowSize() - before).isEqualTo(1);
  }
}
