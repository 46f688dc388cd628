package dev.gearbox.operator.cluster;

import dev.gearbox.operator.chart.RenderedChart;
import dev.gearbox.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A component (the operator, the router) as the chart installs it: its ServiceAccount, (Cluster)Roles and bindings
 * applied to the cluster, a client that impersonates that ServiceAccount (so the chart's RBAC is what allows or
 * refuses each request), and for the operator the {@link OperatorConfig} read from the env of its Deployment.
 */
public final class ChartComponent {
  static final String NAMESPACE = "gearbox-system";
  private static final String COMPONENT = "app.kubernetes.io/component";

  private final RenderedChart chart = RenderedChart.render(Map.of());
  private final String component;
  private final Deployment deployment;

  private ChartComponent(String component) {
    this.component = component;
    this.deployment = objects(Deployment.class).get(0);
  }

  public static ChartComponent operator() {
    return new ChartComponent("operator");
  }

  public static ChartComponent router() {
    return new ChartComponent("router");
  }

  /** Creates the namespace and applies the component's RBAC from the chart with the admin client. */
  public ChartComponent install(KubernetesClient admin) {
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    Stream.of(ServiceAccount.class, ClusterRole.class, ClusterRoleBinding.class, Role.class, RoleBinding.class)
        .flatMap(type -> objects(type).stream())
        .forEach(object -> {
          if (!(object instanceof ClusterRole || object instanceof ClusterRoleBinding)
              && object.getMetadata().getNamespace() == null) {
            object.getMetadata().setNamespace(NAMESPACE);
          }
          admin.resource(object).serverSideApply();
        });
    return this;
  }

  /** What main would read from the chart's env; the pod's namespace is {@link #NAMESPACE}. */
  public OperatorConfig config() {
    Map<String, String> env = new HashMap<>();
    for (EnvVar variable : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (variable.getValue() != null) {
        env.put(variable.getName(), variable.getValue());
      } else if (variable.getValueFrom() != null && variable.getValueFrom().getFieldRef() != null
          && "metadata.namespace".equals(variable.getValueFrom().getFieldRef().getFieldPath())) {
        env.put(variable.getName(), NAMESPACE);
      }
    }
    return OperatorConfig.fromEnvironment(env);
  }

  /** A client that acts as the operator's ServiceAccount (the API server checks the chart's RBAC on every call). */
  public KubernetesClient client(TestControlPlane cluster) {
    String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(cluster.adminConfig())
        .withImpersonateUsername("system:serviceaccount:" + NAMESPACE + ":" + account)
        .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + NAMESPACE, "system:authenticated")
        .build()).build();
  }

  private <T extends HasMetadata> List<T> objects(Class<T> type) {
    return chart.all(type).stream()
        .filter(o -> component.equals(o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(COMPONENT)))
        .toList();
  }
}
