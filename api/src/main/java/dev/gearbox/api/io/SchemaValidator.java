package dev.gearbox.api.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a resource against a CRD's structural OpenAPI schema the way the API server does on a strict apply:
 * types, required fields, enums, patterns, bounds and unknown fields. CEL rules are not evaluated here.
 * Errors name the field path, e.g. {@code spec.rules[1].tier}.
 */
public final class SchemaValidator {
  private final JsonNode rootSchema;

  public SchemaValidator(JsonNode openApiV3Schema) {
    this.rootSchema = openApiV3Schema;
  }

  /** Validates {@code spec} and {@code status} of a resource; metadata is the API server's business. */
  public List<String> validate(JsonNode resource) {
    List<String> errors = new ArrayList<>();
    JsonNode properties = rootSchema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (name.equals("apiVersion") || name.equals("kind") || name.equals("metadata")) {
        continue;
      }
      if (!properties.has(name)) {
        errors.add(name + ": unknown field \"" + name + "\"");
      } else {
        check(properties.get(name), field.getValue(), name, errors);
      }
    }
    return errors;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (value.isNull()) {
      return; // the API server prunes nulls
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        errors.add(path + ": must be an integer or a string");
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(schema, value, path, errors);
      case "array" -> checkArray(schema, value, path, errors);
      case "string" -> checkString(schema, value, path, errors);
      case "integer" -> checkNumber(schema, value, value.isIntegralNumber(), "an integer", path, errors);
      case "number" -> checkNumber(schema, value, value.isNumber(), "a number", path, errors);
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(path + ": must be a boolean (true or false), got " + value);
        }
      }
      default -> {
        // untyped (preserve-unknown-fields) subtree: anything goes
      }
    }
  }

  private void checkObject(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (!value.isObject()) {
      errors.add(path + ": must be an object, got " + describe(value));
      return;
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText()) || value.get(required.asText()).isNull()) {
        errors.add(path + "." + required.asText() + ": required field is missing");
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String childPath = path + "." + field.getKey();
      if (properties.has(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), childPath, errors);
      } else if (additional.isObject()) {
        check(additional, field.getValue(), childPath, errors);
      } else if (!preserveUnknown) {
        errors.add(childPath + ": unknown field \"" + field.getKey() + "\"");
      }
    }
  }

  private void checkArray(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (!value.isArray()) {
      errors.add(path + ": must be a list, got " + describe(value));
      return;
    }
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      errors.add(path + ": must have at least " + schema.get("minItems").asInt() + " item(s)");
    }
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      errors.add(path + ": must have at most " + schema.get("maxItems").asInt() + " items, has " + value.size());
    }
    for (int i = 0; i < value.size(); i++) {
      check(schema.path("items"), value.get(i), path + "[" + i + "]", errors);
    }
  }

  private void checkString(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (!value.isTextual()) {
      errors.add(path + ": must be a string, got " + describe(value));
      return;
    }
    String text = value.asText();
    if (schema.has("enum")) {
      List<String> allowed = new ArrayList<>();
      schema.get("enum").forEach(e -> allowed.add(e.asText()));
      if (!allowed.contains(text)) {
        errors.add(path + ": unsupported value \"" + text + "\", must be one of " + allowed);
      }
    }
    if (schema.has("pattern") && !matches(schema.get("pattern").asText(), text)) {
      errors.add(path + ": \"" + text + "\" does not match the pattern " + schema.get("pattern").asText());
    }
    if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
      errors.add(path + ": must be at most " + schema.get("maxLength").asInt() + " characters");
    }
    if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
      errors.add(path + ": must be at least " + schema.get("minLength").asInt() + " characters");
    }
  }

  private void checkNumber(JsonNode schema, JsonNode value, boolean rightType, String typeName, String path,
      List<String> errors) {
    if (!rightType) {
      errors.add(path + ": must be " + typeName + ", got " + describe(value));
      return;
    }
    double number = value.asDouble();
    if (schema.has("minimum") && number < schema.get("minimum").asDouble()) {
      errors.add(path + ": must be at least " + value(schema.get("minimum")) + ", got " + value);
    }
    if (schema.has("maximum") && number > schema.get("maximum").asDouble()) {
      errors.add(path + ": must be at most " + value(schema.get("maximum")) + ", got " + value);
    }
  }

  private static boolean matches(String pattern, String text) {
    try {
      return Pattern.compile(pattern).matcher(text).find();
    } catch (PatternSyntaxException e) {
      return true; // an ECMA-only pattern this JVM cannot read is left to the API server
    }
  }

  private static String value(JsonNode bound) {
    double d = bound.asDouble();
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static String describe(JsonNode value) {
    String text = value.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
