package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Data a policy names: a ConfigMap key in the policy's own namespace when the router reads policies from the
 * cluster, or a file when it reads them from files.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.configMap) != has(self.file)", message = "set exactly one of configMap or file")
@ValidationRule(value = "!has(self.configMap) || has(self.key)", message = "a configMap needs a key")
public record DataReference(
    @Pattern(GearboxApi.NAME_PATTERN)
    @JsonPropertyDescription("Cluster mode: a ConfigMap in the policy's namespace, labelled gearbox.dev/policy-data "
        + "(the router watches only labelled ConfigMaps).")
    String configMap,

    @JsonPropertyDescription("Cluster mode: the key within the ConfigMap (data or binaryData; gzip is recognised).")
    String key,

    @JsonPropertyDescription("File mode: a path, relative to the directory of the policy file (gzip is recognised).")
    String file) {

  /**
   * The label a ConfigMap needs for the router to see it: the router watches only labelled ConfigMaps, so it holds
   * no copy of the namespace's others.
   */
  public static final String CONFIG_MAP_LABEL = "gearbox.dev/policy-data";

  public static DataReference configMap(String name, String key) {
    return new DataReference(name, key, null);
  }

  public static DataReference file(String path) {
    return new DataReference(null, null, path);
  }

  /** configmap/NAME/KEY or the file's path, as in messages. */
  @Override
  public String toString() {
    return configMap != null ? "configmap/" + configMap + "/" + key : file;
  }
}
