package dev.gearbox.api.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime.Program;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a CRD's x-kubernetes-validations rules offline with Google's cel-java, walking the schema and a
 * resource together as the API server does. Rules that use Kubernetes-only CEL extensions cannot compile here;
 * they are collected in {@link #notEvaluable()} instead of being silently passed (RoutingPolicyValidator checks the
 * same invariants in Java). Not thread-safe: one instance per loader.
 */
public final class CelRules {
  private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final Set<String> notEvaluable = new LinkedHashSet<>();
  // Rules compile once per loader; a policy directory reloads often. Absent value: the rule does not compile here.
  private final Map<String, Program> programs = new HashMap<>();

  /** Messages of the rules the resource's spec breaks, each prefixed with the field it sits on. */
  public List<String> violations(JsonNode openApiSchema, JsonNode resource) {
    List<String> violations = new ArrayList<>();
    walk(openApiSchema.path("properties").path("spec"), resource.path("spec"), "spec", violations);
    return violations;
  }

  public Set<String> notEvaluable() {
    return notEvaluable;
  }

  private void walk(JsonNode schema, JsonNode value, String path, List<String> violations) {
    if (value.isMissingNode() || value.isNull()) {
      return;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      evaluate(rule, toCel(schema, value), path, violations);
    }
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode child = schema.path("properties").path(field.getKey());
        walk(child, field.getValue(), path + "." + field.getKey(), violations);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        walk(schema.path("items"), value.get(i), path + "[" + i + "]", violations);
      }
    }
  }

  private void evaluate(JsonNode rule, Object self, String path, List<String> violations) {
    String expression = rule.path("rule").asText();
    Program program = programs.computeIfAbsent(expression, this::compile);
    if (program == null) {
      notEvaluable.add(expression);
      return;
    }
    try {
      Object result = program.eval(Map.of("self", self));
      if (!Boolean.TRUE.equals(result)) {
        violations.add(path + ": " + rule.path("message").asText(expression));
      }
    } catch (CelEvaluationException e) {
      violations.add(path + ": rule " + expression + " failed to evaluate: " + e.getMessage());
    }
  }

  private Program compile(String expression) {
    try {
      CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
      return runtime.createProgram(ast);
    } catch (CelValidationException | CelEvaluationException e) {
      return null;
    }
  }

  /** JSON to CEL values, typed by the schema (a YAML "1" in a number field is a double to the API server too). */
  private static Object toCel(JsonNode schema, JsonNode value) {
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.fields().forEachRemaining(f -> map.put(f.getKey(),
          toCel(schema.path("properties").path(f.getKey()), f.getValue())));
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      value.forEach(v -> list.add(toCel(schema.path("items"), v)));
      return list;
    }
    if (value.isNumber()) {
      return "number".equals(schema.path("type").asText()) ? (Object) value.asDouble() : (Object) value.asLong();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    return value.asText();
  }
}
