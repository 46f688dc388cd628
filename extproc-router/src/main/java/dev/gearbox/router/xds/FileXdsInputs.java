package dev.gearbox.router.xds;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.xds.XdsTier.SecretRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * File mode: the inputs from the policy files' ModelTiers. In-cluster tiers are reached by their Service's DNS
 * name (there are no EndpointSlices to read); Secret keys are files {@code <secrets-dir>/<secret>/<key>}, the
 * layout of a Secret mounted as a volume, read at every rebuild.
 */
public final class FileXdsInputs implements Supplier<XdsInputs> {
  private static final Logger LOG = LoggerFactory.getLogger(FileXdsInputs.class);

  private final Supplier<List<ModelTier>> tiers;
  private final Supplier<PolicySnapshot> policies;
  private final Path secretsDir;

  /** @param secretsDir where Secret keys are, or null for none */
  public FileXdsInputs(Supplier<List<ModelTier>> tiers, Supplier<PolicySnapshot> policies, Path secretsDir) {
    this.tiers = tiers;
    this.policies = policies;
    this.secretsDir = secretsDir;
  }

  @Override
  public XdsInputs get() {
    List<XdsTier> served = TierUpstreams.all(tiers.get(), e -> LOG.error("xDS: no cluster for {}", e));
    return XdsInputs.of(served, null, this::read, policies.get());
  }

  private Map<SecretRef, SecretValue> read(Set<SecretRef> refs) {
    Map<SecretRef, SecretValue> values = new HashMap<>();
    if (secretsDir == null) {
      return values;
    }
    for (SecretRef ref : refs) {
      Path file = secretsDir.resolve(ref.name()).resolve(ref.key());
      try {
        if (Files.isRegularFile(file)) {
          values.put(ref, new SecretValue(Files.readAllBytes(file)));
        }
      } catch (IOException e) {
        LOG.warn("xDS: cannot read {}: {}", file, e.getMessage());
      }
    }
    return values;
  }
}
