package dev.gearbox.router.policy;

import dev.gearbox.api.v1alpha1.DataReference;
import dev.gearbox.router.routing.PolicyData;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.informers.cache.Cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Cluster mode: a policy's weights and samples are keys of ConfigMaps in its namespace, read from the router's
 * informers on ConfigMaps labelled {@value DataReference#CONFIG_MAP_LABEL}.
 */
final class ConfigMapPolicyData implements PolicyData {
  private final Supplier<List<ConfigMap>> configMaps;

  ConfigMapPolicyData(Supplier<List<ConfigMap>> configMaps) {
    this.configMaps = configMaps;
  }

  @Override
  public byte[] read(String namespace, DataReference reference) throws IOException {
    if (reference.configMap() == null) {
      throw new IOException("names the file " + reference.file() + ", but files are read in file mode only; in a "
          + "cluster name a ConfigMap key");
    }
    ConfigMap map = configMaps.get().stream()
        .filter(c -> Objects.equals(Cache.metaNamespaceKeyFunc(c), namespace + "/" + reference.configMap()))
        .findFirst()
        .orElseThrow(() -> new IOException("ConfigMap " + namespace + "/" + reference.configMap() + " not found "
            + "among the ConfigMaps labelled " + DataReference.CONFIG_MAP_LABEL + " (kubectl label configmap "
            + reference.configMap() + " " + DataReference.CONFIG_MAP_LABEL + "=true)"));
    if (map.getBinaryData() != null && map.getBinaryData().containsKey(reference.key())) {
      return PolicyData.decoded(Base64.getDecoder().decode(map.getBinaryData().get(reference.key())));
    }
    if (map.getData() != null && map.getData().containsKey(reference.key())) {
      return PolicyData.decoded(map.getData().get(reference.key()).getBytes(StandardCharsets.UTF_8));
    }
    throw new IOException("ConfigMap " + namespace + "/" + reference.configMap() + " has no key \""
        + reference.key() + "\"");
  }
}
