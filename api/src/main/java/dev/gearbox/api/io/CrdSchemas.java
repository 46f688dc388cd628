package dev.gearbox.api.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The generated CRDs, read from the api jar, by kind. */
public final class CrdSchemas {
  /** Where the fabric8 generator writes the CRDs, inside the api jar. */
  public static final Map<String, String> CRD_RESOURCES = Map.of(
      "ModelTier", "META-INF/fabric8/modeltiers.gearbox.dev-v1.yml",
      "RoutingPolicy", "META-INF/fabric8/routingpolicies.gearbox.dev-v1.yml",
      "ShareReport", "META-INF/fabric8/sharereports.gearbox.dev-v1.yml");

  private CrdSchemas() {
  }

  /** The whole CustomResourceDefinition of a kind, as a tree. */
  public static JsonNode crd(String kind) {
    String resource = CRD_RESOURCES.get(kind);
    if (resource == null) {
      throw new IllegalArgumentException("not a Gearbox kind: " + kind);
    }
    try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath; build the api module first");
      }
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The openAPIV3Schema of the served version of a kind. */
  public static JsonNode openApiSchema(String kind) {
    return crd(kind).path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
  }
}
