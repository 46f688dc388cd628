package dev.gearbox.operator.reconciler;

import dev.gearbox.api.v1alpha1.ExternalEndpoint;
import dev.gearbox.api.v1alpha1.Gpu;
import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ModelTierSpec;
import dev.gearbox.api.v1alpha1.Replicas;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec;
import dev.gearbox.api.v1alpha1.Rule;
import dev.gearbox.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

import java.util.List;

/** Resources the *IT tests and the benchmark create. */
public final class Fixtures {

  private Fixtures() {
  }

  /** A vLLM tier on one NVIDIA-L4 GPU with fixed replicas. */
  public static ModelTier serverTier(String namespace, String name, int replicas) {
    ModelServer server = new ModelServer(ModelServer.Engine.VLLM, "vllm/vllm-openai:v0.11.0", null, null, null, 8000,
        new Gpu(1, "NVIDIA-L4", null), null, null, null, null, null, null, null, null, null, null, 900);
    return tier(namespace, name, new ModelTierSpec("model-" + name, 0, server, null,
        new Replicas(replicas, replicas, null, null, null), null));
  }

  public static ModelTier endpointTier(String namespace, String name, String secret) {
    return tier(namespace, name, new ModelTierSpec("gpt-4o", 2,
        null, new ExternalEndpoint("https://api.openai.com/v1", new SecretKeyReference(secret, "api-key")), null, null));
  }

  public static RoutingPolicy policy(String namespace, String name, List<String> tiers, String defaultTier,
      List<Rule> rules) {
    RoutingPolicy policy = new RoutingPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    policy.setSpec(new RoutingPolicySpec(null, null, tiers, defaultTier, rules, null, null, null, null, null, null,
        null));
    return policy;
  }

  public static Rule regexRule(String name, String tier, String regex) {
    return new Rule(name, tier, null, null, regex, null, null, null, null, null);
  }

  private static ModelTier tier(String namespace, String name, ModelTierSpec spec) {
    ModelTier tier = new ModelTier();
    tier.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    tier.setSpec(spec);
    return tier;
  }
}
