package dev.gearbox.operator.reconciler;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ModelTierStatus;
import dev.gearbox.api.v1alpha1.SecretKeyReference;
import dev.gearbox.api.v1alpha1.TierNames;
import dev.gearbox.api.validation.FieldError;
import dev.gearbox.api.validation.ModelTierValidator;
import dev.gearbox.operator.dependent.AutoscalerDependent;
import dev.gearbox.operator.dependent.DeploymentDependent;
import dev.gearbox.operator.dependent.DisruptionBudgetDependent;
import dev.gearbox.operator.dependent.ServerSettings;
import dev.gearbox.operator.dependent.ServiceDependent;
import dev.gearbox.operator.dependent.TierConditions;
import dev.gearbox.operator.metrics.TierMetrics;
import dev.gearbox.operator.status.ModelTierStatusAggregator;
import dev.gearbox.operator.status.SecretCheck;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ModelTier: the spec is validated first; only a valid one runs the workflow, which keeps the owned Deployment,
 * Service, HPA and PDB as their desired states say (each only while its condition holds). An invalid spec gets its
 * InvalidSpec status and a Warning Event and touches nothing in the cluster (what a valid spec created before stays
 * as it was). This class then observes and writes the status. Pods are watched too, for the reasons a server is
 * not coming up.
 */
@ControllerConfiguration(name = ModelTierReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "deployment", type = DeploymentDependent.class,
        reconcilePrecondition = TierConditions.SelfHosted.class),
    @Dependent(name = "service", type = ServiceDependent.class,
        reconcilePrecondition = TierConditions.SelfHosted.class),
    @Dependent(name = "autoscaler", type = AutoscalerDependent.class,
        reconcilePrecondition = TierConditions.Autoscaled.class, dependsOn = "deployment"),
    @Dependent(name = "disruption-budget", type = DisruptionBudgetDependent.class,
        reconcilePrecondition = TierConditions.Replicated.class, dependsOn = "deployment")
})
public class ModelTierReconciler implements Reconciler<ModelTier> {
  public static final String NAME = "modeltier";
  /** A Secret is read, not watched: look again this often while an endpoint's Secret is missing. */
  static final Duration SECRET_RECHECK = Duration.ofSeconds(30);

  private final ModelTierStatusAggregator aggregator;
  private final TierMetrics metrics;
  private final EventRecorder events;

  public ModelTierReconciler(ModelTierStatusAggregator aggregator, TierMetrics metrics, EventRecorder events) {
    this.aggregator = aggregator;
    this.metrics = metrics;
    this.events = events;
  }

  @Override
  public List<EventSource<?, ModelTier>> prepareEventSources(EventSourceContext<ModelTier> context) {
    var pods = InformerEventSourceConfiguration.from(Pod.class, ModelTier.class)
        .withLabelSelector(TierNames.MANAGED_SELECTOR)
        .withSecondaryToPrimaryMapper(pod -> {
          String tier = pod.getMetadata().getLabels().get(TierNames.TIER_LABEL);
          return tier == null ? Set.of() : Set.of(new ResourceID(tier, pod.getMetadata().getNamespace()));
        })
        .build();
    return List.of(new InformerEventSource<>(pods, context));
  }

  @Override
  public UpdateControl<ModelTier> reconcile(ModelTier tier, Context<ModelTier> context) {
    List<FieldError> errors = ModelTierValidator.validate(tier.getMetadata().getName(), tier.getSpec());
    if (errors.isEmpty()) {
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    } else {
      warnOnce(tier, errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    }
    ModelTierStatus status;
    boolean recheck = false;
    if (ServerSettings.selfHosted(tier)) {
      Deployment deployment = context.getSecondaryResource(Deployment.class).orElse(null);
      List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
      status = aggregator.forServer(tier, deployment, pods, errors);
      metrics.readyReplicas(tier.getMetadata().getNamespace(), tier.getMetadata().getName(),
          status.readyReplicas());
    } else if (tier.getSpec() == null || tier.getSpec().endpoint() == null) {
      status = aggregator.forError(tier, "InvalidSpec", errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    } else {
      SecretCheck apiKey = checkSecret(tier, tier.getSpec().endpoint().apiKeySecret(), context);
      status = aggregator.forEndpoint(tier, apiKey, errors);
      recheck = !apiKey.usable();
      metrics.readyReplicas(tier.getMetadata().getNamespace(), tier.getMetadata().getName(),
          errors.isEmpty() && apiKey.usable() ? 1 : 0);
    }
    UpdateControl<ModelTier> control = StatusUpdates.ifChanged(tier, status);
    return recheck ? control.rescheduleAfter(SECRET_RECHECK) : control;
  }

  @Override
  public ErrorStatusUpdateControl<ModelTier> updateErrorStatus(ModelTier tier, Context<ModelTier> context,
      Exception e) {
    tier.setStatus(aggregator.forError(tier, "ReconcileError", ErrorMessages.of(e)));
    return ErrorStatusUpdateControl.patchStatus(tier);
  }

  /** One Event per distinct problem, not one per reconcile: the previous status says what was reported. */
  private void warnOnce(ModelTier tier, String message) {
    boolean reported = tier.getStatus() != null && tier.getStatus().conditions() != null
        && tier.getStatus().conditions().stream().anyMatch(c -> c.getMessage() != null
        && c.getMessage().contains(message));
    if (!reported) {
      events.warning(tier, "InvalidSpec", message);
    }
  }

  private static SecretCheck checkSecret(ModelTier tier, SecretKeyReference reference, Context<ModelTier> context) {
    if (reference == null) {
      return SecretCheck.NOT_REFERENCED;
    }
    try {
      Secret secret = context.getClient().secrets().inNamespace(tier.getMetadata().getNamespace())
          .withName(reference.name()).get();
      return SecretCheck.of(reference, secret);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return SecretCheck.UNCHECKED; // not granted Secret reads here (operator.secretNamespaces)
      }
      throw e;
    }
  }
}
