package dev.gearbox.api;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.CountRange;
import dev.gearbox.api.v1alpha1.Rule;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec;
import dev.gearbox.api.validation.FieldError;
import dev.gearbox.api.validation.RoutingPolicyValidator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingPolicyValidatorTest {

  private static RoutingPolicySpec spec(String defaultTier, List<Rule> rules, Complexity complexity) {
    return new RoutingPolicySpec(null, null, List.of("small", "large"), defaultTier, rules, complexity,
        null, null, null, null, null, null);
  }

  private static Rule regexRule(String name, String tier, String regex) {
    return new Rule(name, tier, null, null, regex, null, null, null, null, null);
  }

  @Test
  void aSoundPolicyHasNoErrors() {
    Rule shortOnes = new Rule("short", "small", null, null, null, new CountRange(null, 50), null, null, null, null);

    assertThat(RoutingPolicyValidator.validate(spec("large", List.of(shortOnes), new Complexity(List.of(0.4), null))))
        .isEmpty();
  }

  @Test
  void namesEveryBrokenField() {
    List<Rule> rules = List.of(regexRule("code", "medium", "(unclosed"), regexRule("code", "small", "ok"));

    List<FieldError> errors = RoutingPolicyValidator.validate(spec("huge", rules, new Complexity(List.of(0.7, 0.2),
        null)));

    assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
        "spec.defaultTier", "spec.rules[0].tier", "spec.rules[0].regex", "spec.rules[1].name",
        "spec.complexity.thresholds", "spec.complexity.thresholds");
    assertThat(errors).filteredOn(e -> e.field().equals("spec.rules[0].regex")).singleElement().asString()
        .contains("does not compile");
  }

  @Test
  void sharesMustCoverEveryTierAndAddUpToAHundred() {
    List<FieldError> errors = RoutingPolicyValidator.validate(spec("small", null, new Complexity(null, List.of(70, 20))));

    assertThat(errors).singleElement().asString().isEqualTo("spec.complexity.shares: must add up to 100, adds up to 90");
  }
}
