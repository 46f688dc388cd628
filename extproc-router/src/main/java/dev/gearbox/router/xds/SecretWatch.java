package dev.gearbox.router.xds;

import dev.gearbox.router.policy.ChangeHandler;
import dev.gearbox.router.xds.XdsTier.SecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Watches exactly the Secrets the external tiers name, one informer per Secret by name (a field selector), so
 * RBAC can grant {@code get/list/watch} on those names alone and no other Secret is ever read or held. A changed
 * Secret (a rotated key) calls back at once.
 */
final class SecretWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SecretWatch.class);

  private record Name(String namespace, String name) {
  }

  private final KubernetesClient client;
  private final Runnable onChange;
  private final Map<Name, SharedIndexInformer<Secret>> informers = new ConcurrentHashMap<>();

  SecretWatch(KubernetesClient client, Runnable onChange) {
    this.client = client;
    this.onChange = onChange;
  }

  /** Watches the Secrets of these keys, stops watching the others; returns the values found. */
  synchronized Map<SecretRef, SecretValue> values(Set<SecretRef> refs) {
    Set<Name> wanted = refs.stream().map(r -> new Name(r.namespace(), r.name())).collect(Collectors.toSet());
    informers.keySet().removeIf(name -> {
      if (!wanted.contains(name)) {
        informers.get(name).close();
        return true;
      }
      return false;
    });
    wanted.forEach(name -> informers.computeIfAbsent(name, this::inform));
    Map<SecretRef, SecretValue> values = new HashMap<>();
    for (SecretRef ref : refs) {
      Secret secret = informers.get(new Name(ref.namespace(), ref.name())).getStore().list().stream()
          .findFirst().orElse(null);
      if (secret != null && secret.getData() != null && secret.getData().get(ref.key()) != null) {
        values.put(ref, new SecretValue(Base64.getDecoder().decode(secret.getData().get(ref.key()))));
      }
    }
    return values;
  }

  private SharedIndexInformer<Secret> inform(Name name) {
    SharedIndexInformer<Secret> informer = client.secrets().inNamespace(name.namespace()).withName(name.name())
        .runnableInformer(0);
    informer.addEventHandler(new ChangeHandler<>(onChange));
    informer.start().whenComplete((ok, error) -> {
      if (error != null) {
        LOG.warn("cannot watch Secret {}/{} (an external tier's key or CA): {}", name.namespace(), name.name(),
            error.getMessage());
      }
    });
    return informer;
  }

  @Override
  public synchronized void close() {
    informers.values().forEach(SharedIndexInformer::close);
    informers.clear();
  }
}
