package dev.gearbox.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** charts/gearbox through real Helm: lint, render, and what the rendered objects say. */
class ChartTest {
  private static final String OPERATOR = "gb-gearbox-operator";

  private static Container operatorContainer(RenderedChart chart) {
    return chart.one(Deployment.class, OPERATOR).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
        .orElseThrow();
  }

  private static List<String> verbs(List<PolicyRule> rules, String group, String resource) {
    return rules.stream().filter(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource))
        .flatMap(r -> r.getVerbs().stream()).toList();
  }

  @Test
  void lintsCleanInStrictMode() {
    LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void theOperatorRunsNonRootReadOnlyWithoutCapabilities() {
    RenderedChart chart = RenderedChart.render(Map.of());
    Deployment deployment = chart.one(Deployment.class, OPERATOR);
    var pod = deployment.getSpec().getTemplate().getSpec();
    Container container = operatorContainer(chart);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getServiceAccountName()).isEqualTo(OPERATOR);
    assertThat(container.getImage()).isEqualTo("ghcr.io/gearbox-dev/gearbox-operator:0.1.0");
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/startup");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/livez");
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "operator");
  }

  @Test
  void theDefaultRbacIsAClusterRoleWithStatusOnlyWritesReadOnlyPodsAndNoSecrets() {
    RenderedChart chart = RenderedChart.render(Map.of());
    List<PolicyRule> rules = chart.one(ClusterRole.class, OPERATOR).getRules();

    assertThat(verbs(rules, "gearbox.dev", "modeltiers")).containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(verbs(rules, "gearbox.dev", "modeltiers/status")).contains("patch").doesNotContain("delete");
    assertThat(verbs(rules, "", "secrets")).as("issue 18 #9: no Secret reads cluster-wide").isEmpty();
    assertThat(verbs(rules, "", "pods")).containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(verbs(rules, "apps", "deployments")).contains("create", "update", "patch", "delete");
    assertThat(verbs(rules, "autoscaling", "horizontalpodautoscalers")).contains("create");
    assertThat(verbs(rules, "policy", "poddisruptionbudgets")).contains("create");
    assertThat(verbs(rules, "", "events")).contains("create");
    assertThat(rules).noneMatch(r -> r.getVerbs().contains("*") || r.getResources().contains("*"));
    Role reports = chart.one(Role.class, OPERATOR + "-share-reports");
    assertThat(reports.getMetadata().getNamespace()).isEqualTo("gearbox-system");
    assertThat(verbs(reports.getRules(), "gearbox.dev", "sharereports")).containsExactlyInAnyOrder("get", "list",
        "watch");
    assertThat(chart.all(Role.class)).filteredOn(r -> r.getMetadata().getName().startsWith(OPERATOR))
        .filteredOn(r -> r != reports && !r.getMetadata().getName().equals(reports.getMetadata().getName()))
        .singleElement().satisfies(role -> {
      assertThat(role.getMetadata().getNamespace()).isEqualTo("default");
      assertThat(verbs(role.getRules(), "", "secrets")).containsExactly("get");
      assertThat(role.getRules()).singleElement();
    });
  }

  @Test
  void watchedNamespacesGetRolesAndTheOperatorIsToldAboutThem() {
    RenderedChart chart = RenderedChart.render(Map.of("operator.watchNamespaces[0]", "team-a",
        "operator.watchNamespaces[1]", "team-b"));

    assertThat(chart.all(ClusterRole.class)).extracting(r -> r.getMetadata().getName()).doesNotContain(OPERATOR);
    assertThat(chart.all(Role.class)).filteredOn(r -> r.getMetadata().getName().startsWith(OPERATOR))
        .extracting(r -> r.getMetadata().getName() + "@" + r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder(OPERATOR + "@team-a", OPERATOR + "@team-b", OPERATOR + "-secrets@default",
            OPERATOR + "-share-reports@gearbox-system");
    assertThat(chart.all(RoleBinding.class)).allSatisfy(b ->
        assertThat(b.getSubjects().get(0).getNamespace()).isEqualTo("gearbox-system"));
    assertThat(env(operatorContainer(chart), "GEARBOX_WATCH_NAMESPACES")).isEqualTo("team-a,team-b");
  }

  @Test
  void moreThanOneReplicaSwitchesLeaderElectionOnWithALeaseRole() {
    RenderedChart single = RenderedChart.render(Map.of());
    RenderedChart pair = RenderedChart.render(Map.of("operator.replicas", 2));

    assertThat(env(operatorContainer(single), "GEARBOX_LEADER_ELECTION")).isEqualTo("false");
    assertThat(env(operatorContainer(pair), "GEARBOX_LEADER_ELECTION")).isEqualTo("true");
    Role lease = pair.one(Role.class, OPERATOR + "-leader-election");
    assertThat(lease.getMetadata().getNamespace()).isEqualTo("gearbox-system");
    assertThat(verbs(lease.getRules(), "coordination.k8s.io", "leases"))
        .containsExactlyInAnyOrder("create", "get", "update");
  }

  @Test
  void theValuesSchemaRejectsBadValues() {
    assertThatThrownBy(() -> RenderedChart.render(Map.of("operator.replicas", 0)))
        .hasMessageContaining("replicas");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("operator.watchNamespaces[0]", "Team_A")))
        .hasMessageContaining("watchNamespaces");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("operator.replica", 2)))
        .hasMessageContaining("replica");
  }

  @Test
  void turningTheOperatorOffRendersNothingOfIt() {
    assertThat(RenderedChart.render(Map.of("operator.enabled", false)).objects())
        .noneMatch(o -> "operator".equals(o.getMetadata().getLabels().get("app.kubernetes.io/component")));
  }
}
