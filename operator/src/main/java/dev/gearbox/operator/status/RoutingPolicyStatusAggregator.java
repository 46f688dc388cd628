package dev.gearbox.operator.status;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ResolvedTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.RoutingPolicyStatus;
import dev.gearbox.api.v1alpha1.ShareReport;
import dev.gearbox.api.v1alpha1.ShareStatus;
import dev.gearbox.api.validation.FieldError;
import dev.gearbox.api.validation.RoutingPolicyValidator;
import io.fabric8.kubernetes.api.model.Condition;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pure: a RoutingPolicy's status from its spec, the ModelTiers found in its namespace and the routers' reports.
 * Accepted says the spec is usable (and lists the tiers found in rank order), ResolvedRefs that every listed tier
 * exists, Ready that all of them are ready to take traffic; the shares part is {@link ShareStatusAggregator}'s.
 */
public final class RoutingPolicyStatusAggregator {
  public static final String ACCEPTED = "Accepted";
  public static final String RESOLVED_REFS = "ResolvedRefs";
  public static final String READY = "Ready";

  private final Clock clock;

  public RoutingPolicyStatusAggregator(Clock clock) {
    this.clock = clock;
  }

  /** The new status and the spec errors it reports (for the Warning Event). */
  public record Result(RoutingPolicyStatus status, List<FieldError> errors) {
  }

  /** @param tiers the policy's tiers that exist, by name */
  public Result aggregate(RoutingPolicy policy, Map<String, ModelTier> tiers) {
    return aggregate(policy, tiers, List.of());
  }

  /**
   * @param tiers   the policy's tiers that exist, by name
   * @param reports the router replicas' ShareReports, from which the shares and their conditions come
   */
  public Result aggregate(RoutingPolicy policy, Map<String, ModelTier> tiers, Collection<ShareReport> reports) {
    List<FieldError> errors = RoutingPolicyValidator.validate(policy.getSpec(), tiers);
    String namespace = policy.getMetadata().getNamespace();
    List<ResolvedTier> resolved = ResolvedTier.of(policy, tiers);

    List<Condition> previous = policy.getStatus() == null ? null : policy.getStatus().conditions();
    ConditionSet conditions = new ConditionSet(previous, policy.getMetadata().getGeneration(), clock.instant());
    boolean accepted = errors.isEmpty();
    conditions.set(ACCEPTED, accepted, accepted ? "Valid" : "InvalidSpec",
        accepted ? "the policy is valid" : errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));

    List<String> missing = new ArrayList<>();
    for (int i = 0; i < resolved.size(); i++) {
      if (!resolved.get(i).found()) {
        missing.add("ModelTier \"" + resolved.get(i).name() + "\" (spec.tiers[" + i + "])");
      }
    }
    conditions.set(RESOLVED_REFS, missing.isEmpty(), missing.isEmpty() ? "AllTiersFound" : "TierNotFound",
        missing.isEmpty() ? "all " + resolved.size() + " tiers found"
            : String.join(", ", missing) + " not found in namespace " + namespace);

    List<String> notReady = resolved.stream().filter(t -> t.found() && !t.ready()).map(ResolvedTier::name).toList();
    List<String> noAddress = resolved.stream().filter(ResolvedTier::found)
        .map(t -> withoutAddress(t.name(), tiers.get(t.name()))).filter(t -> t != null).toList();
    String addresses = noAddress.isEmpty() ? ""
        : "; no address Envoy can send traffic to yet: " + String.join(", ", noAddress);
    if (!accepted || !missing.isEmpty()) {
      conditions.set(READY, false, accepted ? "TierNotFound" : "InvalidSpec",
          "see the " + (accepted ? RESOLVED_REFS : ACCEPTED) + " condition");
    } else if (!notReady.isEmpty()) {
      conditions.set(READY, false, "TiersNotReady", "tiers not ready: " + String.join(", ", notReady) + addresses);
    } else if (!noAddress.isEmpty()) {
      conditions.set(READY, false, "TierHasNoAddress", addresses.substring(2));
    } else {
      conditions.set(READY, true, "AllTiersReady", "all " + resolved.size() + " tiers are ready");
    }
    ShareStatus shares = ShareStatusAggregator.aggregate(policy, reports, clock.instant(), conditions);
    RoutingPolicyStatus status =
        new RoutingPolicyStatus(policy.getMetadata().getGeneration(), conditions.build(), resolved, shares);
    return new Result(status, errors);
  }

  /**
   * "name (why)" when Envoy has nowhere to send the tier's traffic: an in-cluster tier with no ready replica (its
   * Service has no ready endpoint), an external tier whose host is not known (no address in its status).
   */
  private static String withoutAddress(String name, ModelTier tier) {
    var status = tier.getStatus();
    if (tier.getSpec() != null && tier.getSpec().endpoint() != null) {
      return status == null || status.address() == null || status.address().isBlank()
          ? name + " (external host not known)" : null;
    }
    return status == null || status.readyReplicas() == null || status.readyReplicas() == 0
        ? name + " (no ready endpoint)" : null;
  }
}
