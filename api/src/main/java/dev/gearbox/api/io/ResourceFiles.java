package dev.gearbox.api.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gearbox.api.v1alpha1.GearboxApi;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads ModelTier and RoutingPolicy resources from YAML files (multi-document, as for {@code kubectl apply -f}),
 * checks them against the generated CRD schema and binds them to the model classes. Other kinds are skipped.
 * Every problem is reported with its file, document and field; nothing is thrown for bad content.
 */
public final class ResourceFiles {
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of("ModelTier", ModelTier.class, "RoutingPolicy", RoutingPolicy.class);

  private final ObjectMapper yaml = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private final Map<String, SchemaValidator> validators = Map.of(
      "ModelTier", new SchemaValidator(CrdSchemas.openApiSchema("ModelTier")),
      "RoutingPolicy", new SchemaValidator(CrdSchemas.openApiSchema("RoutingPolicy")));
  private final String defaultNamespace;

  /** @param defaultNamespace namespace given to resources that do not name one (as kubectl would) */
  public ResourceFiles(String defaultNamespace) {
    this.defaultNamespace = defaultNamespace;
  }

  /** What a set of files held. */
  public record Loaded(List<ModelTier> tiers, List<RoutingPolicy> policies, List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** Loads a YAML file, or every *.yaml / *.yml file directly inside a directory, in name order. */
  public Loaded load(Path fileOrDirectory) {
    List<ModelTier> tiers = new ArrayList<>();
    List<RoutingPolicy> policies = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Path file : yamlFiles(fileOrDirectory, errors)) {
      try {
        String text = Files.readString(file);
        for (HasMetadata resource : parse(file.toString(), text, errors)) {
          if (resource instanceof ModelTier tier) {
            tiers.add(tier);
          } else if (resource instanceof RoutingPolicy policy) {
            policies.add(policy);
          }
        }
      } catch (IOException e) {
        errors.add(file + ": cannot read: " + e.getMessage());
      }
    }
    return new Loaded(List.copyOf(tiers), List.copyOf(policies), List.copyOf(errors));
  }

  /** Parses YAML text holding one or more documents; {@code source} names it in error messages. */
  public List<HasMetadata> parse(String source, String text, List<String> errors) {
    List<HasMetadata> resources = new ArrayList<>();
    int document = 1;
    try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(text)) {
      for (; docs.hasNextValue(); document++) {
        JsonNode node = docs.nextValue();
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue; // an empty document between separators
        }
        HasMetadata resource = bind(source + " (document " + document + ")", node, errors);
        if (resource != null) {
          resources.add(resource);
        }
      }
    } catch (IOException | RuntimeException e) {
      errors.add(source + " (document " + document + "): malformed YAML: " + firstLine(e.getMessage()));
    }
    return resources;
  }

  private HasMetadata bind(String where, JsonNode node, List<String> errors) {
    if (!node.isObject()) {
      errors.add(where + ": expected a Kubernetes resource (a mapping with apiVersion and kind)");
      return null;
    }
    String kind = node.path("kind").asText("");
    Class<? extends HasMetadata> type = KINDS.get(kind);
    if (type == null) {
      return null; // Secrets, Namespaces and other kinds belong to kubectl, not to Gearbox
    }
    String name = node.path("metadata").path("name").asText("");
    String label = where + " " + kind + "/" + (name.isEmpty() ? "?" : name);
    List<String> problems = new ArrayList<>();
    if (!GearboxApi.API_VERSION.equals(node.path("apiVersion").asText())) {
      problems.add("apiVersion: must be " + GearboxApi.API_VERSION + ", got \"" + node.path("apiVersion").asText() + "\"");
    }
    if (name.isEmpty()) {
      problems.add("metadata.name: required field is missing");
    }
    problems.addAll(validators.get(kind).validate(node));
    if (!problems.isEmpty()) {
      problems.forEach(p -> errors.add(label + ": " + p));
      return null;
    }
    try {
      HasMetadata resource = yaml.treeToValue(node, type);
      if (resource.getMetadata().getNamespace() == null) {
        resource.getMetadata().setNamespace(defaultNamespace);
      }
      return resource;
    } catch (UnrecognizedPropertyException e) {
      errors.add(label + ": unknown field \"" + e.getPropertyName() + "\"");
    } catch (JsonProcessingException e) {
      errors.add(label + ": " + firstLine(e.getOriginalMessage()));
    }
    return null;
  }

  private static List<Path> yamlFiles(Path fileOrDirectory, List<String> errors) {
    if (Files.isRegularFile(fileOrDirectory)) {
      return List.of(fileOrDirectory);
    }
    if (!Files.isDirectory(fileOrDirectory)) {
      errors.add(fileOrDirectory + ": no such file or directory");
      return List.of();
    }
    try (Stream<Path> files = Files.list(fileOrDirectory)) {
      return files.filter(f -> Files.isRegularFile(f) && isYaml(f)).sorted().toList();
    } catch (IOException e) {
      errors.add(fileOrDirectory + ": cannot list: " + e.getMessage());
      return List.of();
    }
  }

  static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** A resource tree as it would be sent to the API server, for tests and tools. */
  public ObjectNode toTree(HasMetadata resource) {
    return yaml.valueToTree(resource);
  }
}
