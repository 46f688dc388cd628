package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.CountRange;
import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.api.v1alpha1.HeaderMatch;
import dev.gearbox.api.v1alpha1.Keywords;
import dev.gearbox.api.v1alpha1.Rule;
import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.api.v1alpha1.ScoreRange;
import dev.gearbox.api.v1alpha1.Semantic;
import dev.gearbox.api.validation.RuleRegex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one list of how a rule's condition fields compile, the cheap ones and the model-backed ones alike: adding a
 * signal is one entry here. A field set on a rule that no entry knows is refused when the policy compiles, rather
 * than leaving a rule that matches every request.
 */
final class RuleConditions {

  /** Compiles one field's value (never null) for a rule reading {@code scope}. */
  @FunctionalInterface
  interface FieldCompiler {
    Condition compile(Object value, Scope scope, EmbeddingModel embedding, Classifiers classifiers)
        throws PolicyCompileException;
  }

  static final Map<String, FieldCompiler> BY_FIELD = Map.of(
      "header", (value, scope, embedding, classifiers) -> TextConditions.header((HeaderMatch) value),
      "messages", (value, scope, embedding, classifiers) -> TextConditions.messages((CountRange) value),
      "promptTokens", (value, scope, embedding, classifiers) -> TextConditions.promptTokens((CountRange) value, scope),
      "keywords", (value, scope, embedding, classifiers) -> TextConditions.keywords((Keywords) value, scope),
      "regex", RuleConditions::regex,
      "complexity", (value, scope, embedding, classifiers) ->
          classifiers.complexity((ScoreRange) value, scope, embedding),
      "semantic", (value, scope, embedding, classifiers) ->
          classifiers.semantic((Semantic) value, scope, embedding));

  private RuleConditions() {
  }

  /** The rule's conditions, cheapest first, so the expensive ones run only when the cheap ones hold. */
  static List<Condition> compile(Rule rule, EmbeddingModel embedding, Classifiers classifiers)
      throws PolicyCompileException {
    List<Condition> conditions = new ArrayList<>();
    for (Map.Entry<String, Object> field : rule.conditions().entrySet()) {
      FieldCompiler compiler = BY_FIELD.get(field.getKey());
      if (compiler == null) {
        throw new PolicyCompileException(field.getKey() + ": this router does not know that condition, and a rule "
            + "without it would match every request");
      }
      conditions.add(compiler.compile(field.getValue(), rule.effectiveScope(), embedding, classifiers));
    }
    conditions.sort(Comparator.comparing(Condition::cost));
    return List.copyOf(conditions);
  }

  private static Condition regex(Object value, Scope scope, EmbeddingModel embedding, Classifiers classifiers)
      throws PolicyCompileException {
    try {
      return TextConditions.regex(RuleRegex.compile((String) value), scope);
    } catch (IllegalArgumentException e) {
      throw new PolicyCompileException("regex " + e.getMessage());
    }
  }
}
