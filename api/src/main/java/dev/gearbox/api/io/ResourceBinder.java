package dev.gearbox.api.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gearbox.api.v1alpha1.GearboxApi;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one parsed YAML document into a ModelTier or RoutingPolicy after the checks the API server would make:
 * apiVersion, name, the CRD schema and its CEL rules. Problems are returned with the line they are on.
 */
final class ResourceBinder {
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of("ModelTier", ModelTier.class, "RoutingPolicy", RoutingPolicy.class);
  /**
   * Kinds that sit beside policies for kubectl apply or kustomize (an API key, estimator weights): not Gearbox's to
   * check, so skipped.
   */
  static final Set<String> COMPANION_KINDS = Set.of("Secret", "ConfigMap", "Namespace", "Kustomization");

  private final ObjectMapper yaml = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private final Map<String, JsonNode> schemas = Map.of(
      "ModelTier", CrdSchemas.openApiSchema("ModelTier"),
      "RoutingPolicy", CrdSchemas.openApiSchema("RoutingPolicy"));
  private final Map<String, SchemaValidator> validators = Map.of(
      "ModelTier", new SchemaValidator(schemas.get("ModelTier")),
      "RoutingPolicy", new SchemaValidator(schemas.get("RoutingPolicy")));
  private final CelRules cel = new CelRules();
  private final String defaultNamespace;

  ResourceBinder(String defaultNamespace) {
    this.defaultNamespace = defaultNamespace;
  }

  /** The resource, or null when it is a companion kind or has problems (added to {@code errors}). */
  HasMetadata bind(String source, JsonNode node, YamlLines lines, List<String> errors) {
    if (!node.isObject()) {
      errors.add(source + ":" + lines.start() + ": expected a Kubernetes resource (a mapping with apiVersion and kind)");
      return null;
    }
    String kind = node.path("kind").asText("");
    Class<? extends HasMetadata> type = KINDS.get(kind);
    if (type == null) {
      if (kind.isEmpty()) {
        errors.add(source + ":" + lines.start() + ": not a Kubernetes resource (no kind)");
      } else if (!COMPANION_KINDS.contains(kind)) {
        errors.add(source + ":" + lines.lineOf("kind") + ": unknown kind \"" + kind + "\": Gearbox files hold "
            + "ModelTier and RoutingPolicy (and may hold " + String.join(", ", COMPANION_KINDS.stream().sorted()
            .toList()) + ")");
      }
      return null;
    }
    String name = node.path("metadata").path("name").asText("");
    String label = kind + "/" + (name.isEmpty() ? "?" : name);
    List<String> problems = problems(kind, name, node);
    if (!problems.isEmpty()) {
      problems.forEach(p -> errors.add(source + ":" + lines.lineOf(pathOf(p)) + ": " + label + ": " + p));
      return null;
    }
    try {
      HasMetadata resource = yaml.treeToValue(node, type);
      if (resource.getMetadata().getNamespace() == null) {
        resource.getMetadata().setNamespace(defaultNamespace);
      }
      return resource;
    } catch (UnrecognizedPropertyException e) {
      errors.add(source + ":" + lines.start() + ": " + label + ": unknown field \"" + e.getPropertyName() + "\"");
    } catch (JsonProcessingException e) {
      errors.add(source + ":" + lines.start() + ": " + label + ": " + ResourceFiles.firstLine(e.getOriginalMessage()));
    }
    return null;
  }

  private List<String> problems(String kind, String name, JsonNode node) {
    List<String> problems = new ArrayList<>();
    if (!GearboxApi.API_VERSION.equals(node.path("apiVersion").asText())) {
      problems.add("apiVersion: must be " + GearboxApi.API_VERSION + ", got \"" + node.path("apiVersion").asText() + "\"");
    }
    if (name.isEmpty()) {
      problems.add("metadata.name: required field is missing");
    }
    problems.addAll(validators.get(kind).validate(node));
    if (problems.isEmpty()) {
      // CEL rules assume a schema-valid object, as on the API server
      problems.addAll(cel.violations(schemas.get(kind), node));
    }
    return problems;
  }

  /** The field path a validator's message starts with ("spec.rules[1].tier: ..."). */
  private static String pathOf(String problem) {
    int colon = problem.indexOf(": ");
    return colon < 0 ? "" : problem.substring(0, colon);
  }
}
