package dev.gearbox.api.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads ModelTier and RoutingPolicy resources from YAML files (multi-document, as for {@code kubectl apply -f}),
 * checks them against the generated CRD schema and its CEL rules and binds them to the model classes. Secrets,
 * ConfigMaps, Namespaces and Kustomizations beside them are skipped; any other kind, an empty file and a resource
 * defined twice are errors. Every problem is reported as {@code file:line: ...}; nothing is thrown for bad content.
 */
public final class ResourceFiles {
  private final ObjectMapper yaml = new YAMLMapper();
  private final ResourceBinder binder;

  /** @param defaultNamespace namespace given to resources that do not name one (as kubectl would) */
  public ResourceFiles(String defaultNamespace) {
    this.binder = new ResourceBinder(defaultNamespace);
  }

  /**
   * What a set of files held.
   *
   * @param origins where each resource was defined ({@code file:line}), by {@link #key}
   */
  public record Loaded(List<ModelTier> tiers, List<RoutingPolicy> policies, List<String> errors,
      Map<String, String> origins) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** How {@link Loaded#origins} names a resource: kind, namespace and name. */
  public static String key(HasMetadata resource) {
    return resource.getKind() + " " + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  /** Loads a YAML file, or every *.yaml / *.yml file directly inside a directory, in name order. */
  public Loaded load(Path fileOrDirectory) {
    return load(fileOrDirectory, false);
  }

  /** Loads a YAML file, or every *.yaml / *.yml file in a directory and its subdirectories, in path order. */
  public Loaded loadTree(Path fileOrDirectory) {
    return load(fileOrDirectory, true);
  }

  private Loaded load(Path fileOrDirectory, boolean recursive) {
    List<String> errors = new ArrayList<>();
    Map<String, String> texts = new LinkedHashMap<>();
    for (Path file : yamlFiles(fileOrDirectory, recursive, errors)) {
      try {
        texts.put(file.toString(), Files.readString(file));
      } catch (IOException e) {
        errors.add(file + ": cannot read: " + e.getMessage());
      }
    }
    Loaded loaded = loadTexts(texts);
    errors.addAll(loaded.errors());
    return new Loaded(loaded.tiers(), loaded.policies(), List.copyOf(errors), loaded.origins());
  }

  /** Loads YAML texts by the name each is reported under (e.g. files bundled in a jar). */
  public Loaded loadTexts(Map<String, String> texts) {
    List<ModelTier> tiers = new ArrayList<>();
    List<RoutingPolicy> policies = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    texts.forEach((source, text) -> {
      Map<HasMetadata, String> here = new IdentityHashMap<>();
      for (HasMetadata resource : parse(source, text, errors, here)) {
        String key = key(resource);
        String first = seen.putIfAbsent(key, here.get(resource));
        if (first != null) {
          errors.add(here.get(resource) + ": " + key + " is defined twice (also at " + first + ")");
        } else if (resource instanceof ModelTier tier) {
          tiers.add(tier);
        } else if (resource instanceof RoutingPolicy policy) {
          policies.add(policy);
        }
      }
    });
    return new Loaded(List.copyOf(tiers), List.copyOf(policies), List.copyOf(errors), Map.copyOf(seen));
  }

  /** Parses YAML text holding one or more documents; {@code source} names it in error messages. */
  public List<HasMetadata> parse(String source, String text, List<String> errors) {
    return parse(source, text, errors, new IdentityHashMap<>());
  }

  /** @param origins filled with {@code file:line} of each resource returned */
  private List<HasMetadata> parse(String source, String text, List<String> errors, Map<HasMetadata, String> origins) {
    List<HasMetadata> resources = new ArrayList<>();
    List<YamlLines> lines = YamlLines.of(text);
    int document = 0;
    int nonEmpty = 0;
    try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(text)) {
      for (; docs.hasNextValue(); document++) {
        JsonNode node = docs.nextValue();
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue; // an empty document between separators
        }
        nonEmpty++;
        YamlLines where = document < lines.size() ? lines.get(document) : YamlLines.UNKNOWN;
        HasMetadata resource = binder.bind(source, node, where, errors);
        if (resource != null) {
          resources.add(resource);
          origins.put(resource, source + ":" + where.start());
        }
      }
    } catch (IOException | RuntimeException e) {
      int line = e instanceof JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : 0;
      errors.add(source + (line > 0 ? ":" + line : "") + ": malformed YAML: " + withoutSnippets(
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
      return resources;
    }
    if (nonEmpty == 0) {
      errors.add(source + ": holds no resources (an empty file)");
    }
    return resources;
  }

  private static List<Path> yamlFiles(Path fileOrDirectory, boolean recursive, List<String> errors) {
    if (Files.isRegularFile(fileOrDirectory)) {
      return List.of(fileOrDirectory);
    }
    if (!Files.isDirectory(fileOrDirectory)) {
      errors.add(fileOrDirectory + ": no such file or directory");
      return List.of();
    }
    try (Stream<Path> files = recursive ? Files.walk(fileOrDirectory) : Files.list(fileOrDirectory)) {
      List<Path> found = files.filter(f -> Files.isRegularFile(f) && isYaml(f)).sorted().toList();
      if (found.isEmpty()) {
        errors.add(fileOrDirectory + ": no *.yaml or *.yml files");
      }
      return found;
    } catch (IOException e) {
      errors.add(fileOrDirectory + ": cannot list: " + e.getMessage());
      return List.of();
    }
  }

  static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /** SnakeYAML's message on one line: its sentences without the quoted source and caret lines. */
  private static String withoutSnippets(String message) {
    if (message == null) {
      return "unknown error";
    }
    return String.join("; ", message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .toList());
  }

  static String firstLine(String message) {
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
