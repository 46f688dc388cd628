package dev.gearbox.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every object of the given kinds in a namespace, as written: its resourceVersion (which any write changes) and who
 * last wrote which part (managedFields: manager, operation, subresource, time).
 */
record Writes(Map<String, Written> objects) {

  /** One object's last write, per field manager and subresource. */
  record Written(String resourceVersion, Set<String> writers, Object status) {
  }

  static Writes snapshot(KubernetesClient client, String namespace, List<Class<? extends HasMetadata>> kinds) {
    Map<String, Written> objects = new TreeMap<>();
    kinds.stream().flatMap(kind -> client.resources(kind).inNamespace(namespace).list().getItems().stream())
        .forEach(object -> objects.put(object.getKind() + "/" + object.getMetadata().getName(), new Written(
            object.getMetadata().getResourceVersion(), writers(object),
            client.getKubernetesSerialization().convertValue(object, Map.class).get("status"))));
    return new Writes(objects);
  }

  /**
   * What was written, created or deleted since {@code before}, except writes by {@code ignoredManagers}: one line per
   * object, naming the writers whose managedFields entries changed and, when the status changed, both statuses.
   */
  List<String> since(Writes before, Set<String> ignoredManagers) {
    return Stream.concat(before.objects.keySet().stream(), objects.keySet().stream()).distinct().sorted()
        .map(key -> describe(key, before.objects.get(key), objects.get(key), ignoredManagers))
        .filter(Objects::nonNull)
        .toList();
  }

  private static String describe(String key, Written then, Written now, Set<String> ignoredManagers) {
    if (then == null || now == null) {
      return key + (then == null ? " created" : " deleted");
    }
    if (then.resourceVersion().equals(now.resourceVersion())) {
      return null;
    }
    Set<String> newWriters = now.writers().stream().filter(w -> !then.writers().contains(w))
        .filter(w -> ignoredManagers.stream().noneMatch(m -> w.startsWith(m + " ")))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (newWriters.isEmpty()) {
      return null;
    }
    String status = Objects.equals(then.status(), now.status()) ? "" : "; status " + then.status() + " -> " + now.status();
    return key + " written by " + newWriters + status;
  }

  private static Set<String> writers(HasMetadata object) {
    List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
    return entries == null ? Set.of() : entries.stream()
        .map(e -> e.getManager() + " " + e.getOperation() + " " + Objects.requireNonNullElse(e.getSubresource(), "")
            + " " + e.getTime())
        .collect(Collectors.toSet());
  }
}
