package dev.gearbox.operator.status;

import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ModelTierStatus;
import dev.gearbox.api.v1alpha1.SecretKeyReference;
import dev.gearbox.api.v1alpha1.TierNames;
import dev.gearbox.api.validation.FieldError;
import dev.gearbox.operator.dependent.GpuScheduling;
import dev.gearbox.operator.dependent.ServerSettings;
import dev.gearbox.operator.dependent.TierNaming;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.gearbox.api.v1alpha1.ModelTierStatus.DEGRADED;
import static dev.gearbox.api.v1alpha1.ModelTierStatus.PROGRESSING;
import static dev.gearbox.api.v1alpha1.ModelTierStatus.READY;

/**
 * Pure: what a ModelTier's status should say, from the tier, what the operator observed and the previous status.
 * Ready means the tier can take traffic (at least one ready replica, or a usable external endpoint).
 */
public final class ModelTierStatusAggregator {
  private final Clock clock;
  private final String clusterDomain;

  public ModelTierStatusAggregator(Clock clock) {
    this(clock, TierNames.DEFAULT_CLUSTER_DOMAIN);
  }

  /** @param clusterDomain the cluster's DNS domain, for the Service address in status */
  public ModelTierStatusAggregator(Clock clock, String clusterDomain) {
    this.clusterDomain = clusterDomain;
    this.clock = clock;
  }

  /** A self-hosted tier, from its Deployment (null before it exists) and pods. */
  public ModelTierStatus forServer(ModelTier tier, Deployment deployment, List<Pod> pods, List<FieldError> errors) {
    ModelServer server = tier.getSpec().server();
    int wanted = deployment != null && deployment.getSpec() != null && deployment.getSpec().getReplicas() != null
        ? deployment.getSpec().getReplicas() : ServerSettings.minReplicas(tier);
    var observed = deployment == null ? null : deployment.getStatus();
    int replicas = observed == null || observed.getReplicas() == null ? 0 : observed.getReplicas();
    int ready = observed == null || observed.getReadyReplicas() == null ? 0 : observed.getReadyReplicas();
    int updated = observed == null || observed.getUpdatedReplicas() == null ? 0 : observed.getUpdatedReplicas();
    boolean rolledOut = deployment != null && observed != null && updated >= wanted
        && seenLatest(deployment.getMetadata().getGeneration(), observed.getObservedGeneration());

    Optional<Problem> problem = invalid(errors)
        .or(() -> PodDiagnosis.diagnose(deployment, pods, GpuScheduling.describe(server)));
    String counts = ready + " of " + wanted + " replicas ready";
    ConditionSet conditions = conditions(tier);
    if (ready > 0) {
      conditions.set(READY, true, "ReplicasReady", counts);
    } else {
      conditions.set(READY, false, wanted == 0 ? "ScaledToZero" : "NoReplicasReady",
          problem.map(p -> counts + ": " + p.message()).orElse(counts + waitingFor(server)));
    }
    if (!errors.isEmpty()) {
      conditions.set(PROGRESSING, false, "InvalidSpec", deployment == null
          ? "nothing is created until the spec is valid" : "the Deployment is left as the last valid spec made it");
    } else if (deployment == null) {
      conditions.set(PROGRESSING, true, "Creating", "creating Deployment " + TierNaming.resourceName(tier));
    } else if (!rolledOut || ready < wanted) {
      conditions.set(PROGRESSING, true, "RollingOut", counts + ", " + updated + " updated");
    } else {
      conditions.set(PROGRESSING, false, "RolloutComplete", counts);
    }
    degraded(conditions, problem);
    return new ModelTierStatus(tier.getMetadata().getGeneration(), conditions.build(), replicas, ready,
        TierNaming.serviceAddress(tier, clusterDomain), "http://" + TierNaming.serviceAddress(tier, clusterDomain)
        + "/v1");
  }

  /** An external tier, from the check of its API key Secret. */
  public ModelTierStatus forEndpoint(ModelTier tier, SecretCheck apiKey, List<FieldError> errors) {
    SecretKeyReference reference = tier.getSpec().endpoint().apiKeySecret();
    Optional<Problem> problem = invalid(errors).or(() -> switch (apiKey) {
      case SECRET_MISSING -> Optional.of(new Problem("SecretNotFound", "Secret " + reference.name()
          + " (spec.endpoint.apiKeySecret) not found in namespace " + tier.getMetadata().getNamespace()
          + "; create it with: kubectl create secret generic " + reference.name() + " --from-literal="
          + reference.key() + "=<api key>"));
      case KEY_MISSING -> Optional.of(new Problem("SecretKeyNotFound", "Secret " + reference.name()
          + " has no key \"" + reference.key() + "\" (spec.endpoint.apiKeySecret.key)"));
      default -> Optional.empty();
    });
    ConditionSet conditions = conditions(tier);
    String configured = "external endpoint " + tier.getSpec().endpoint().url() + (apiKey == SecretCheck.UNCHECKED
        ? " (API key Secret not checked: the operator may not read Secrets in this namespace)" : "");
    conditions.set(READY, problem.isEmpty(), problem.isEmpty() ? "EndpointConfigured" : problem.get().reason(),
        problem.map(Problem::message).orElse(configured));
    conditions.set(PROGRESSING, false, "External", "an external endpoint has nothing to roll out");
    degraded(conditions, problem);
    return new ModelTierStatus(tier.getMetadata().getGeneration(), conditions.build(), null, null,
        endpointAddress(tier.getSpec().endpoint().url()), tier.getSpec().endpoint().url());
  }

  /**
   * When no status could be built from observations (a reconcile error, or a spec with neither server nor
   * endpoint): keep what is known and say Degraded with the reason.
   */
  public ModelTierStatus forError(ModelTier tier, String reason, String message) {
    ModelTierStatus old = tier.getStatus();
    ConditionSet conditions = conditions(tier);
    ConditionSet.find(old == null ? null : old.conditions(), READY)
        .ifPresentOrElse(r -> conditions.set(READY, ConditionSet.TRUE.equals(r.getStatus()), r.getReason(), r.getMessage()),
            () -> conditions.set(READY, false, reason, message));
    conditions.set(PROGRESSING, false, reason, message);
    conditions.set(DEGRADED, true, reason, message);
    return old == null
        ? new ModelTierStatus(tier.getMetadata().getGeneration(), conditions.build(), null, null, null, null)
        : new ModelTierStatus(old.observedGeneration(), conditions.build(), old.replicas(), old.readyReplicas(),
            old.address(), old.url());
  }

  /** host:port of an endpoint URL, with the scheme's default port. */
  static String endpointAddress(String url) {
    try {
      URI uri = new URI(url);
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      return uri.getHost() == null ? null : uri.getHost() + ":" + port;
    } catch (Exception e) {
      return null;
    }
  }

  private ConditionSet conditions(ModelTier tier) {
    List<Condition> previous = tier.getStatus() == null ? null : tier.getStatus().conditions();
    return new ConditionSet(previous, tier.getMetadata().getGeneration(), clock.instant());
  }

  private static void degraded(ConditionSet conditions, Optional<Problem> problem) {
    conditions.set(DEGRADED, problem.isPresent(), problem.map(Problem::reason).orElse("AsExpected"),
        problem.map(Problem::message).orElse("no problems found"));
  }

  private static Optional<Problem> invalid(List<FieldError> errors) {
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Problem("InvalidSpec",
        errors.stream().map(FieldError::toString).collect(Collectors.joining("; "))));
  }

  private static boolean seenLatest(Long generation, Long observedGeneration) {
    return generation == null || observedGeneration != null && observedGeneration >= generation;
  }

  private static String waitingFor(ModelServer server) {
    return "; waiting for the model server to load the model (the startup probe allows "
        + ServerSettings.startupTimeoutSeconds(server) + "s)";
  }
}
