package dev.gearbox.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The resourceVersion of every object of the given kinds in a namespace. Any write (spec, status or metadata)
 * changes it, so two equal snapshots mean nobody wrote in between.
 */
record Writes(Map<String, String> versions) {

  static Writes snapshot(KubernetesClient client, String namespace, List<Class<? extends HasMetadata>> kinds) {
    Map<String, String> versions = new TreeMap<>();
    kinds.stream().flatMap(kind -> list(client, namespace, kind)).forEach(object ->
        versions.put(object.getKind() + "/" + object.getMetadata().getName(), object.getMetadata().getResourceVersion()));
    return new Writes(versions);
  }

  /** The objects written, created or deleted since {@code before}. */
  List<String> since(Writes before) {
    return Stream.concat(before.versions.keySet().stream(), versions.keySet().stream()).distinct()
        .filter(key -> !java.util.Objects.equals(before.versions.get(key), versions.get(key)))
        .sorted().toList();
  }

  private static Stream<? extends HasMetadata> list(KubernetesClient client, String namespace,
      Class<? extends HasMetadata> kind) {
    return client.resources(kind).inNamespace(namespace).list().getItems().stream();
  }
}
