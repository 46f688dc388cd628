package dev.gearbox.api.validation;

import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.DataReference;
import dev.gearbox.api.v1alpha1.Stickiness;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.Rule;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a RoutingPolicy spec for everything that makes it unusable on its own, including what the CRD schema
 * cannot say (regexes that do not compile), and, given the ModelTiers it names, that it lists them in rank order.
 * Whether the named ModelTiers exist is a separate question (ResolvedRefs), answered by whoever knows the cluster.
 */
public final class RoutingPolicyValidator {

  private RoutingPolicyValidator() {
  }

  /**
   * {@link #validate(RoutingPolicySpec)}, and spec.tiers in ascending spec.rank of the tiers that exist: fallback
   * and the complexity thresholds follow the list, so a list out of rank order would escalate to a cheaper tier.
   *
   * @param tiers the ModelTiers of the policy's namespace by name; tiers not found are left to ResolvedRefs
   */
  public static List<FieldError> validate(RoutingPolicySpec spec, Map<String, ModelTier> tiers) {
    List<FieldError> errors = validate(spec);
    if (spec != null && spec.tiers() != null) {
      validateRankOrder(spec.tiers(), tiers, errors);
    }
    return errors;
  }

  /** What the spec alone can tell, where the tiers are not known (a file with no ModelTiers, the schema checks). */
  public static List<FieldError> validate(RoutingPolicySpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(new FieldError("spec", "required"));
      return errors;
    }
    List<String> tiers = spec.tiers() == null ? List.of() : spec.tiers();
    if (tiers.isEmpty()) {
      errors.add(new FieldError("spec.tiers", "must name at least one ModelTier"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tiers.size(); i++) {
      if (!seen.add(tiers.get(i))) {
        errors.add(new FieldError("spec.tiers[" + i + "]", "tier \"" + tiers.get(i) + "\" is listed twice"));
      }
    }
    if (spec.defaultTier() == null) {
      errors.add(new FieldError("spec.defaultTier", "required"));
    } else if (!tiers.contains(spec.defaultTier())) {
      errors.add(new FieldError("spec.defaultTier", "\"" + spec.defaultTier() + "\" is not one of spec.tiers " + tiers));
    }
    validateRules(spec.rules(), tiers, errors);
    validateComplexity(spec.complexity(), tiers.size(), errors);
    if (spec.stickiness() != null && spec.stickiness().effectiveMode() == Stickiness.Mode.Session
        && blank(spec.stickiness().header())) {
      errors.add(new FieldError("spec.stickiness.header", "mode Session needs a header"));
    }
    return errors;
  }

  private static void validateRankOrder(List<String> names, Map<String, ModelTier> tiers,
      List<FieldError> errors) {
    String previous = null;
    int previousRank = Integer.MIN_VALUE;
    for (int i = 0; i < names.size(); i++) {
      ModelTier tier = tiers.get(names.get(i));
      if (tier == null || tier.getSpec() == null || tier.getSpec().rank() == null) {
        continue;
      }
      int rank = tier.getSpec().rank();
      if (rank < previousRank) {
        errors.add(new FieldError("spec.tiers[" + i + "]", "\"" + names.get(i) + "\" (rank " + rank + ") is "
            + "listed after \"" + previous + "\" (rank " + previousRank + "): list the tiers cheapest first, in "
            + "ascending rank"));
      }
      previous = names.get(i);
      previousRank = rank;
    }
  }

  private static void validateRules(List<Rule> rules, List<String> tiers, List<FieldError> errors) {
    if (rules == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      String at = "spec.rules[" + i + "]";
      if (blank(rule.name())) {
        errors.add(new FieldError(at + ".name", "required"));
      } else if (!names.add(rule.name())) {
        errors.add(new FieldError(at + ".name", "rule name \"" + rule.name() + "\" is used twice"));
      }
      if (rule.tier() == null || !tiers.contains(rule.tier())) {
        errors.add(new FieldError(at + ".tier", "\"" + rule.tier() + "\" is not one of spec.tiers " + tiers));
      }
      if (rule.regex() != null) {
        try {
          RuleRegex.compile(rule.regex());
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError(at + ".regex", e.getMessage()));
        }
      }
      if (rule.semantic() != null) {
        if (rule.semantic().examples() == null || rule.semantic().examples().isEmpty()) {
          errors.add(new FieldError(at + ".semantic.examples", "needs at least one example prompt"));
        }
        checkUnit(rule.semantic().threshold(), at + ".semantic.threshold", errors);
      }
      if (rule.complexity() != null) {
        checkUnit(rule.complexity().min(), at + ".complexity.min", errors);
        checkUnit(rule.complexity().max(), at + ".complexity.max", errors);
      }
      if (!hasCondition(rule)) {
        errors.add(new FieldError(at, "a rule needs at least one condition"));
      }
    }
  }

  private static void validateComplexity(Complexity complexity, int tierCount, List<FieldError> errors) {
    if (complexity == null) {
      return;
    }
    if ((complexity.thresholds() == null) == (complexity.targetShares() == null)) {
      errors.add(new FieldError("spec.complexity", "set exactly one of thresholds or targetShares"));
      return;
    }
    if (complexity.effectiveCalibration() == Complexity.Calibration.Track && complexity.targetShares() == null) {
      errors.add(new FieldError("spec.complexity.calibration", "Track needs targetShares"));
    }
    if (complexity.maxTopShare() != null && complexity.effectiveCalibration() != Complexity.Calibration.Track) {
      errors.add(new FieldError("spec.complexity.maxTopShare", "applies to calibration Track only"));
    }
    if (complexity.sample() != null && (complexity.targetShares() == null
        || complexity.effectiveCalibration() != Complexity.Calibration.Fixed)) {
      errors.add(new FieldError("spec.complexity.sample", "applies to calibration Fixed with targetShares"));
    }
    validateReference(complexity.weights(), "spec.complexity.weights", errors);
    validateReference(complexity.sample(), "spec.complexity.sample", errors);
    if (complexity.thresholds() != null) {
      List<Double> thresholds = complexity.thresholds();
      if (thresholds.size() != tierCount - 1) {
        errors.add(new FieldError("spec.complexity.thresholds",
            "needs " + (tierCount - 1) + " values (one between each pair of tiers), has " + thresholds.size()));
      }
      for (int i = 0; i < thresholds.size(); i++) {
        checkUnit(thresholds.get(i), "spec.complexity.thresholds[" + i + "]", errors);
        if (i > 0 && thresholds.get(i) < thresholds.get(i - 1)) {
          errors.add(new FieldError("spec.complexity.thresholds", "must be in ascending order"));
        }
      }
    } else {
      List<Integer> shares = complexity.targetShares();
      if (shares.size() != tierCount) {
        errors.add(new FieldError("spec.complexity.targetShares", "needs one share per tier (" + tierCount
            + "), has " + shares.size()));
      }
      int sum = shares.stream().mapToInt(s -> s == null ? 0 : s).sum();
      if (sum != 100) {
        errors.add(new FieldError("spec.complexity.targetShares", "must add up to 100, adds up to " + sum));
      }
    }
  }

  private static void validateReference(DataReference reference, String at, List<FieldError> errors) {
    if (reference == null) {
      return;
    }
    if ((reference.configMap() == null) == (reference.file() == null)) {
      errors.add(new FieldError(at, "set exactly one of configMap or file"));
    } else if (reference.configMap() != null && (reference.key() == null || reference.key().isBlank())) {
      errors.add(new FieldError(at + ".key", "a configMap needs a key"));
    }
  }

  private static boolean hasCondition(Rule rule) {
    return !rule.conditions().isEmpty();
  }


  private static void checkUnit(Double value, String field, List<FieldError> errors) {
    if (value != null && (value < 0 || value > 1 || value.isNaN())) {
      errors.add(new FieldError(field, "must be between 0 and 1, got " + value));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
