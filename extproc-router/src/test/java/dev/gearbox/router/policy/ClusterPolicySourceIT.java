package dev.gearbox.router.policy;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.DataReference;
import dev.gearbox.router.classifier.ClassifierSettings;
import dev.gearbox.router.classifier.ComplexityWeights;
import dev.gearbox.router.classifier.EmbeddingModels;
import dev.gearbox.router.classifier.ModelClassifiers;
import dev.gearbox.router.request.Message;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.PolicyCompiler;
import dev.gearbox.router.routing.RequestContext;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.SnapshotBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.chat;
import static dev.gearbox.router.Fixtures.chatHeaders;
import static dev.gearbox.router.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Policies from the (mock) API server: edits change the next decision, a deleted policy leaves the last good one. */
@EnableKubernetesMockClient(crud = true)
class ClusterPolicySourceIT {
  static KubernetesClient client;

  private static List<HasMetadata> resources(String yaml) {
    List<String> errors = new ArrayList<>();
    List<HasMetadata> parsed = new ResourceFiles("team").parse("test.yaml", yaml, errors);
    assertThat(errors).isEmpty();
    return parsed;
  }

  private static String tierFor(RequestRouter router, String prompt) {
    return router.onBody(chatHeaders(), chat("auto", prompt)).setHeaders().get(RequestRouter.TIER_HEADER);
  }

  @Test
  void editsApplyWithoutRestartAndDeletionKeepsTheLastGoodPolicy() {
    for (HasMetadata resource : resources(TIERS + "---\n" + policy(""))) {
      client.resource(resource).create();
    }
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    RequestRouter router = new RequestRouter(holder, RouterSettings.defaults(), RouterEvents.NONE);

    try (ClusterPolicySource ignored = new ClusterPolicySource(client, "team", Classifiers.unavailable(),
        new SessionStores(), holder)) {
      await().until(() -> !holder.get().isEmpty());
      assertThat(holder.keepsLastGood()).isFalse();
      // No operator here: the tiers have no status, so none is ready and FailOpen uses the default tier.
      assertThat(router.onBody(chatHeaders(), chat("auto", "hi")).outcome()).isEqualTo("fail_open");

      for (String tier : List.of("small", "medium", "large")) {
        ModelTier current = client.resources(ModelTier.class).inNamespace("team").withName(tier).get();
        current.setStatus(new dev.gearbox.api.v1alpha1.ModelTierStatus(1L, List.of(
            new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("Ready").withStatus("True").build()),
            1, 1, tier + ".team.svc:8000", "http://" + tier + ".team.svc:8000/v1"));
        client.resource(current).updateStatus();
      }
      await().until(() -> "medium".equals(tierFor(router, "hi")));

      RoutingPolicy policy = client.resources(RoutingPolicy.class).inNamespace("team").withName("auto").get();
      RoutingPolicy edited = (RoutingPolicy) resources(policy("""
          rules:
            - {name: greeting, tier: small, keywords: {any: [hi]}}
          """)).get(0);
      edited.getMetadata().setResourceVersion(policy.getMetadata().getResourceVersion());
      client.resource(edited).update();
      await().until(() -> "small".equals(tierFor(router, "hi")));

      client.resource(edited).delete();
      // Only a rebuild after the deletion was seen leaves no policy; the holder then keeps the last good one.
      await().until(holder::keepsLastGood);
      assertThat(tierFor(router, "hi")).as("last good policy keeps answering").isEqualTo("small");
      assertThat(holder.get().select(new RequestContext(Map.of(), "auto", List.of(new Message("user", "x")), null)))
          .isPresent();
    }
  }

  /**
   * Issue 18 #5: a tenant-b policy with priority 1000 and no match took over default's traffic and logged its
   * prompts. Only the namespaces the router is told to obey count.
   */
  @Test
  void aPolicyOutsideTheListedNamespacesGovernsNothing() {
    String hijack = TIERS.replace("namespace: team", "namespace: tenant-b") + "---\n" + policy("""
        priority: 1000
        logPrompts: true
        """).replace("namespace: team", "namespace: tenant-b").replace("match: {models: [auto]}", "match: {}");
    for (HasMetadata resource : resources(hijack)) {
      client.resource(resource).inNamespace("tenant-b").create();
    }
    for (HasMetadata resource : resources((TIERS + "---\n" + policy("")).replace("namespace: team", "namespace: own"))) {
      client.resource(resource).create();
    }
    SnapshotHolder holder = new SnapshotHolder(() -> { });

    try (ClusterPolicySource ignored = new ClusterPolicySource(client, List.of("own"), Classifiers.unavailable(),
        new SessionStores(), holder)) {
      await().until(() -> !holder.get().isEmpty());
      assertThat(holder.get().policies()).extracting(p -> p.id()).containsExactly("own/auto");
    }
    SnapshotHolder both = new SnapshotHolder(() -> { });
    try (ClusterPolicySource ignored = new ClusterPolicySource(client, List.of("own", "tenant-b"),
        Classifiers.unavailable(), new SessionStores(), both)) {
      await().until(() -> both.get().policies().size() == 2);
      assertThat(both.get().policies()).extracting(p -> p.id()).first().isEqualTo("tenant-b/auto");
    }
  }

  @Test
  void weightsComeFromALabelledConfigMapAndAnUnlabelledOneIsNamed() throws Exception {
    java.nio.file.Path gz = java.nio.file.Files.createTempFile("weights", ".json.gz");
    ComplexityWeights.bundled().write(gz);
    String weights = Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(gz));
    for (HasMetadata resource : resources((TIERS + "---\n" + policy("""
        complexity:
          targetShares: [35, 25, 40]
          weights: {configMap: estimator, key: weights.json.gz}
        """)).replace("namespace: team", "namespace: weights"))) {
      client.resource(resource).create();
    }
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("estimator").withNamespace("weights")
        .endMetadata().addToBinaryData("weights.json.gz", weights).build()).create();
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    var classifiers = new ModelClassifiers(new EmbeddingModels(ClassifierSettings.defaults()), null);

    try (ClusterPolicySource ignored = new ClusterPolicySource(client, "weights", classifiers, new SessionStores(),
        holder)) {
      await().untilAsserted(() -> assertThat(holder.failedPolicies().get("weights/auto"))
          .contains("not found among the ConfigMaps labelled gearbox.dev/policy-data"));

      client.configMaps().inNamespace("weights").withName("estimator")
          .edit(c -> new ConfigMapBuilder(c).editMetadata().addToLabels(DataReference.CONFIG_MAP_LABEL, "true")
              .endMetadata().build());
      await().untilAsserted(() -> assertThat(holder.get().policies()).extracting(p -> p.id())
          .containsExactly("weights/auto"));
      assertThat(holder.failedPolicies()).isEmpty();
    }
  }
}
