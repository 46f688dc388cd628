package dev.gearbox.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Small helpers the *IT tests share. */
public final class ClusterAsserts {

  private ClusterAsserts() {
  }

  public static Condition condition(List<Condition> conditions, String type) {
    assertThat(conditions).as("conditions").isNotNull();
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition in " + conditions));
  }

  /** What the Deployment controller would write once the pods pass their readiness probes. */
  static void markReady(KubernetesClient client, Deployment deployment, int replicas) {
    client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
        .withName(deployment.getMetadata().getName()).editStatus(d -> {
          d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
              .withReplicas(replicas).withReadyReplicas(replicas).withUpdatedReplicas(replicas)
              .withAvailableReplicas(replicas).withObservedGeneration(d.getMetadata().getGeneration())
              .build());
          return d;
        });
  }
}
