package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Keywords;
import dev.gearbox.api.v1alpha1.Rule;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16: a condition field no compiler knew compiled to a rule without it, which matched every request. */
class RuleConditionsTest {

  @Test
  void everyConditionFieldOfARuleHasItsCompiler() {
    List<String> conditionFields = Arrays.stream(Rule.class.getRecordComponents()).map(RecordComponent::getName)
        .filter(name -> !Set.of("name", "tier", "scope").contains(name)).toList();

    assertThat(RuleConditions.BY_FIELD.keySet()).containsExactlyInAnyOrderElementsOf(conditionFields);
  }

  @Test
  void aRuleCompilesOneConditionPerFieldItSetsCheapestFirst() throws Exception {
    Rule rule = new Rule("code", "large", null, new Keywords(List.of("python"), null), "def \\\\w+", null, null, null,
        null, null);

    List<Condition> conditions = RuleConditions.compile(rule, null, Classifiers.unavailable());

    assertThat(rule.conditions().keySet()).containsExactly("keywords", "regex");
    assertThat(conditions).hasSize(2).isSortedAccordingTo(java.util.Comparator.comparing(Condition::cost));
  }
}
