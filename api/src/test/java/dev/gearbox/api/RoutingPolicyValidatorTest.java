package dev.gearbox.api;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.DataReference;
import dev.gearbox.api.v1alpha1.CountRange;
import dev.gearbox.api.v1alpha1.ExternalEndpoint;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ModelTierSpec;
import dev.gearbox.api.v1alpha1.Rule;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec;
import dev.gearbox.api.validation.FieldError;
import dev.gearbox.api.validation.RoutingPolicyValidator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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

  /** Regexes a backtracking engine could run away on compile as RE2; what RE2 cannot bound is refused by name. */
  @Test
  void aRegexMustBeLinearTimeAndSmall() {
    List<Rule> rules = List.of(regexRule("backref", "small", "(a)\\1"), regexRule("lookahead", "small", "a(?=b)"),
        regexRule("huge", "small", "(a|b|c){900}"), regexRule("nested", "small", "(.*,){11}\\d"),
        regexRule("fence", "small", "```(.|\n)*"));

    List<FieldError> errors = RoutingPolicyValidator.validate(spec("large", rules, null));

    assertThat(errors).extracting(FieldError::field)
        .containsExactly("spec.rules[0].regex", "spec.rules[1].regex", "spec.rules[2].regex");
    assertThat(errors.get(0).toString()).contains("RE2", "back-references");
    assertThat(errors.get(2).toString()).contains("instructions, more than the 2000 allowed");
  }

  @Test
  void theTiersMustBeListedInAscendingRankWhereTheyAreKnown() {
    RoutingPolicySpec spec = spec("large", null, new Complexity(List.of(0.4), null));

    List<FieldError> errors = RoutingPolicyValidator.validate(spec, Map.of("small", tier(2), "large", tier(0)));

    assertThat(errors).singleElement().asString().isEqualTo("spec.tiers[1]: \"large\" (rank 0) is listed after "
        + "\"small\" (rank 2): list the tiers cheapest first, in ascending rank");
    assertThat(RoutingPolicyValidator.validate(spec, Map.of("small", tier(1), "large", tier(1)))).as("equal ranks")
        .isEmpty();
    assertThat(RoutingPolicyValidator.validate(spec, Map.of("large", tier(0)))).as("small not found").isEmpty();
    assertThat(RoutingPolicyValidator.validate(spec)).as("tiers unknown").isEmpty();
  }

  private static ModelTier tier(int rank) {
    ModelTier tier = new ModelTier();
    tier.setSpec(new ModelTierSpec("m", rank, null, new ExternalEndpoint("https://x.io", null), null, null));
    return tier;
  }

  @Test
  void trackNeedsTargetSharesAndMaxTopShareNeedsTrack() {
    Complexity trackOnThresholds = new Complexity(List.of(0.5), null, Complexity.Calibration.Track, null, null);
    Complexity cappedFixed = new Complexity(null, List.of(50, 50), null, 40, null);

    assertThat(RoutingPolicyValidator.validate(spec("small", null, trackOnThresholds))).extracting(Object::toString)
        .containsExactly("spec.complexity.calibration: Track needs targetShares");
    assertThat(RoutingPolicyValidator.validate(spec("small", null, cappedFixed))).extracting(Object::toString)
        .containsExactly("spec.complexity.maxTopShare: applies to calibration Track only");
  }

  @Test
  void sharesMustCoverEveryTierAndAddUpToAHundred() {
    List<FieldError> errors = RoutingPolicyValidator.validate(spec("small", null, new Complexity(null, List.of(70, 20))));

    assertThat(errors).singleElement().asString().isEqualTo("spec.complexity.targetShares: must add up to 100, adds up to 90");
  }

  @Test
  void weightsAndSampleNameOneSourceAndSampleNeedsFixedShares() {
    Complexity bad = new Complexity(null, List.of(50, 50), Complexity.Calibration.Track, null, null, null,
        new DataReference("w", "weights.json", "w.json"), DataReference.configMap("s", " "));

    assertThat(RoutingPolicyValidator.validate(spec("small", null, bad))).extracting(Object::toString)
        .containsExactlyInAnyOrder(
            "spec.complexity.sample: applies to calibration Fixed with targetShares",
            "spec.complexity.weights: set exactly one of configMap or file",
            "spec.complexity.sample.key: a configMap needs a key");
  }
}
