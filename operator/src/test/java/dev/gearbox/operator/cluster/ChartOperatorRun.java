package dev.gearbox.operator.cluster;

import dev.gearbox.operator.OperatorAssembly;
import dev.gearbox.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The operator started as the chart runs it (its settings, its ServiceAccount) against a {@link TestControlPlane}. */
final class ChartOperatorRun implements AutoCloseable {
  private final KubernetesClient client;
  private final Operator operator;
  private final OperatorConfig config;

  private ChartOperatorRun(KubernetesClient client, Operator operator, OperatorConfig config) {
    this.client = client;
    this.operator = operator;
    this.config = config;
  }

  static ChartOperatorRun start(TestControlPlane cluster) {
    ChartComponent chart = ChartComponent.operator().install(cluster.admin());
    KubernetesClient client = chart.client(cluster);
    OperatorConfig config = chart.config();
    Operator operator = OperatorAssembly.create(client, config, new SimpleMeterRegistry(), () -> { });
    operator.start();
    return new ChartOperatorRun(client, operator, config);
  }

  OperatorConfig config() {
    return config;
  }

  @Override
  public void close() {
    operator.stop();
    client.close();
  }
}
