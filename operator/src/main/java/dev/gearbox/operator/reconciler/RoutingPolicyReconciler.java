package dev.gearbox.operator.reconciler;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.ShareReport;
import dev.gearbox.operator.status.ConditionSet;
import dev.gearbox.operator.status.RoutingPolicyStatusAggregator;
import dev.gearbox.operator.status.ShareStatusAggregator;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * RoutingPolicy: validates the spec, resolves the named ModelTiers and reports Accepted, ResolvedRefs and Ready, and
 * adds up the routers' ShareReports into the shares part. Any change to a ModelTier a policy names (created,
 * deleted, its readiness) or to a report that covers it reconciles that policy again. An
 * invalid spec is a status and a Warning Event, never an exception: nothing is retried until the spec changes.
 */
@ControllerConfiguration(name = RoutingPolicyReconciler.NAME)
public class RoutingPolicyReconciler implements Reconciler<RoutingPolicy> {
  public static final String NAME = "routingpolicy";

  private final RoutingPolicyStatusAggregator aggregator;
  private final EventRecorder events;
  private final String reportNamespace;

  /** @param reportNamespace where the routers write their ShareReports (the only namespace trusted for them) */
  public RoutingPolicyReconciler(RoutingPolicyStatusAggregator aggregator, EventRecorder events,
      String reportNamespace) {
    this.aggregator = aggregator;
    this.events = events;
    this.reportNamespace = reportNamespace;
  }

  @Override
  public List<EventSource<?, RoutingPolicy>> prepareEventSources(EventSourceContext<RoutingPolicy> context) {
    var tiers = InformerEventSourceConfiguration.from(ModelTier.class, RoutingPolicy.class)
        // A tier event concerns the policies of its namespace that name it.
        .withSecondaryToPrimaryMapper(tier -> context.getPrimaryCache()
            .list(tier.getMetadata().getNamespace())
            .filter(policy -> names(policy).contains(tier.getMetadata().getName()))
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()))
        // A policy's tiers are the ones it names, whether they exist yet or not.
        .withPrimaryToSecondaryMapper((RoutingPolicy policy) -> names(policy).stream()
            .map(name -> new ResourceID(name, policy.getMetadata().getNamespace()))
            .collect(Collectors.toSet()))
        .build();
    var reports = InformerEventSourceConfiguration.from(ShareReport.class, RoutingPolicy.class)
        .withNamespaces(Set.of(reportNamespace))
        // A report concerns every policy it has an entry for.
        .withSecondaryToPrimaryMapper((ShareReport report) -> report.getSpec() == null
            || report.getSpec().policies() == null ? Set.of() : report.getSpec().policies().stream()
            .map(p -> new ResourceID(p.name(), p.namespace()))
            .collect(Collectors.toSet()))
        .build();
    return List.of(new InformerEventSource<>(tiers, context), new InformerEventSource<>(reports, context));
  }

  @Override
  public UpdateControl<RoutingPolicy> reconcile(RoutingPolicy policy, Context<RoutingPolicy> context) {
    Map<String, ModelTier> tiers = context.getSecondaryResources(ModelTier.class).stream()
        .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity(), (a, b) -> a));
    Optional<Condition> wasAccepted = previousAccepted(policy);
    var result = aggregator.aggregate(policy, tiers, context.getSecondaryResources(ShareReport.class));
    if (!result.errors().isEmpty()) {
      Condition accepted = ConditionSet.find(result.status().conditions(), RoutingPolicyStatusAggregator.ACCEPTED)
          .orElseThrow();
      // One Event per distinct problem, not one per reconcile.
      boolean sameAsBefore = wasAccepted.map(old -> Objects.equals(old.getMessage(), accepted.getMessage())
          && ConditionSet.FALSE.equals(old.getStatus())).orElse(false);
      if (!sameAsBefore) {
        events.warning(policy, "InvalidSpec", accepted.getMessage());
      }
    }
    UpdateControl<RoutingPolicy> update = StatusUpdates.ifChanged(policy, result.status());
    // Shares age without an event when every router stops writing; look again when reports go stale.
    return policy.getSpec() != null && policy.getSpec().complexity() != null
        ? update.rescheduleAfter(ShareStatusAggregator.STALE_AFTER) : update;
  }

  private static Optional<Condition> previousAccepted(RoutingPolicy policy) {
    return policy.getStatus() == null ? Optional.empty()
        : ConditionSet.find(policy.getStatus().conditions(), RoutingPolicyStatusAggregator.ACCEPTED);
  }

  private static Set<String> names(RoutingPolicy policy) {
    return policy.getSpec() == null || policy.getSpec().tiers() == null
        ? Set.of() : Set.copyOf(policy.getSpec().tiers());
  }
}
