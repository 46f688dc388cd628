package dev.gearbox.operator;

import dev.gearbox.operator.config.OperatorConfig;
import dev.gearbox.operator.metrics.TierMetrics;
import dev.gearbox.operator.reconciler.EventRecorder;
import dev.gearbox.operator.reconciler.ModelTierReconciler;
import dev.gearbox.operator.reconciler.RoutingPolicyReconciler;
import dev.gearbox.operator.status.ModelTierStatusAggregator;
import dev.gearbox.operator.status.RoutingPolicyStatusAggregator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.monitoring.AggregatedMetrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Wires the operator from a client, the typed configuration and a meter registry. {@code main}, the *IT tests and
 * the benchmark all start the operator through here, so they run the same thing.
 */
public final class OperatorAssembly {

  private OperatorAssembly() {
  }

  /**
   * An operator with both reconcilers registered, not yet started.
   *
   * @param onLeaseLost run when this replica loses the Lease (main exits so that the pod restarts as a follower)
   */
  public static Operator create(KubernetesClient client, OperatorConfig config, MeterRegistry registry,
      Runnable onLeaseLost) {
    Clock clock = Clock.systemUTC();
    TierMetrics tierMetrics = new TierMetrics(registry, ModelTierReconciler.NAME);
    Operator operator = new Operator(overrider -> configure(overrider, client, config, registry, tierMetrics, onLeaseLost));
    operator.register(new ModelTierReconciler(new ModelTierStatusAggregator(clock), tierMetrics), namespaces(config));
    String reports = config.reportNamespace() != null ? config.reportNamespace()
        : client.getNamespace() != null ? client.getNamespace() : "default";
    operator.register(new RoutingPolicyReconciler(new RoutingPolicyStatusAggregator(clock),
        new EventRecorder(client, clock), reports), namespaces(config));
    return operator;
  }

  private static void configure(ConfigurationServiceOverrider overrider, KubernetesClient client,
      OperatorConfig config, MeterRegistry registry, TierMetrics tierMetrics, Runnable onLeaseLost) {
    overrider.withKubernetesClient(client)
        .withMetrics(new AggregatedMetrics(List.of(MicrometerMetrics.withoutPerResourceMetrics(registry), tierMetrics)))
        // Both are right for a real API server; test API servers without server-side apply need them off.
        .withUseSSAToPatchPrimaryResource(config.serverSideApply())
        .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply())
        .withReconciliationTerminationTimeout(config.shutdownTimeout())
        // The CRDs are installed by the chart; a missing CRD fails start-up with a clear message anyway.
        .checkingCRDAndValidateLocalModel(false)
        .withCloseClientOnStop(false);
    if (config.leaderElection()) {
      // The SDK's own exit-on-loss calls System.exit even while shutting down; the caller decides instead.
      var leaderElection = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(config.leaseName())
          .withExitOnStopLeading(false)
          .withLeaderCallbacks(new LeaderCallbacks(() -> { }, onLeaseLost, leader -> { }));
      if (config.leaseNamespace() != null) {
        leaderElection.withLeaseNamespace(config.leaseNamespace());
      }
      overrider.withLeaderElectionConfiguration(leaderElection.build());
    }
  }

  private static <P extends io.fabric8.kubernetes.api.model.HasMetadata> Consumer<ControllerConfigurationOverrider<P>>
      namespaces(OperatorConfig config) {
    return overrider -> {
      if (config.watchesAllNamespaces()) {
        overrider.watchingAllNamespaces();
      } else {
        overrider.settingNamespaces(config.namespaces());
      }
    };
  }
}
