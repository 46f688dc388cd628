package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A routing rule: when every condition that is set holds, the request goes to the rule's tier. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.keywords) || has(self.regex) || has(self.promptTokens) || has(self.messages) "
    + "|| has(self.header) || has(self.semantic) || has(self.complexity)",
    message = "a rule needs at least one condition: keywords, regex, promptTokens, messages, header, semantic or complexity")
public record Rule(
    @Required
    @Pattern(GearboxApi.NAME_PATTERN)
    @JsonPropertyDescription("Name of the rule; reported in x-gearbox-decision and in metrics.")
    String name,

    @Required
    @Pattern(GearboxApi.NAME_PATTERN)
    @JsonPropertyDescription("Tier the request goes to when the rule matches; one of spec.tiers.")
    String tier,

    @Default(Rule.DEFAULT_SCOPE)
    @JsonPropertyDescription("Text the text conditions look at: the last user message or the whole conversation.")
    Scope scope,

    @JsonPropertyDescription("Keywords matched case-insensitively on word boundaries.")
    Keywords keywords,

    @Size(max = 1024)
    @JsonPropertyDescription("An RE2 regular expression (linear-time: no back-references or look-around) that must find a match in the text.")
    String regex,

    @JsonPropertyDescription("Bounds on the estimated prompt tokens (inclusive).")
    CountRange promptTokens,

    @JsonPropertyDescription("Bounds on the number of messages in the conversation (inclusive).")
    CountRange messages,

    @JsonPropertyDescription("A request header that must be present (and equal value, when given), e.g. a user tier.")
    HeaderMatch header,

    @JsonPropertyDescription("Semantic similarity to example prompts.")
    Semantic semantic,

    @JsonPropertyDescription("Bounds on the complexity estimator's score.")
    ScoreRange complexity) {

  public enum Scope { LastUserMessage, Conversation }

  public static final String DEFAULT_SCOPE = "LastUserMessage";
  /** The components that say what a rule does and to which text, not when it matches. */
  private static final Set<String> NOT_CONDITIONS = Set.of("name", "tier", "scope");

  /**
   * The conditions this rule sets, by field name in declaration order: every other component that is not null. A
   * field added here is a condition without anyone listing it, so a compiler that does not know it can refuse it.
   */
  @JsonIgnore
  public Map<String, Object> conditions() {
    Map<String, Object> set = new LinkedHashMap<>();
    for (RecordComponent component : Rule.class.getRecordComponents()) {
      if (NOT_CONDITIONS.contains(component.getName())) {
        continue;
      }
      try {
        Object value = component.getAccessor().invoke(this);
        if (value != null) {
          set.put(component.getName(), value);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read Rule." + component.getName(), e);
      }
    }
    return set;
  }

  public Scope effectiveScope() {
    return scope == null ? Scope.valueOf(DEFAULT_SCOPE) : scope;
  }
}
