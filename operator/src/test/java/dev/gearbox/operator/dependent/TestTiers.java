package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.Gpu;
import dev.gearbox.api.v1alpha1.ModelCache;
import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ModelTierSpec;
import dev.gearbox.api.v1alpha1.Replicas;
import dev.gearbox.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.List;

/** Tiers for the builder tests: a fluent way to vary one server setting at a time. */
public record TestTiers(ModelServer.Engine engine, List<String> args, Gpu gpu, Integer tensorParallel,
    ModelCache cache, SecretKeyReference hubToken, Integer startupTimeout, Replicas replicas) {

  public static TestTiers vllm() {
    return new TestTiers(ModelServer.Engine.VLLM, List.of("--max-model-len", "8192"), new Gpu(1, "NVIDIA-L4", null),
        null, null, null, 900, new Replicas(1, 1, null, null, null));
  }

  public TestTiers engine(ModelServer.Engine value) {
    return new TestTiers(value, args, gpu, tensorParallel, cache, hubToken, startupTimeout, replicas);
  }

  public TestTiers gpu(Gpu value, Integer tensorParallelSize) {
    return new TestTiers(engine, args, value, tensorParallelSize, cache, hubToken, startupTimeout, replicas);
  }

  public TestTiers cache(ModelCache value) {
    return new TestTiers(engine, args, gpu, tensorParallel, value, hubToken, startupTimeout, replicas);
  }

  public TestTiers hubToken(SecretKeyReference value) {
    return new TestTiers(engine, args, gpu, tensorParallel, cache, value, startupTimeout, replicas);
  }

  public TestTiers replicas(Replicas value) {
    return new TestTiers(engine, args, gpu, tensorParallel, cache, hubToken, startupTimeout, value);
  }

  public ModelTier build() {
    ModelServer server = new ModelServer(engine, "vllm/vllm-openai:v0.11.0", "Qwen/Qwen2.5-1.5B-Instruct", args, null,
        8000, gpu, tensorParallel, new Quantity("4"), new Quantity("16Gi"), new Quantity("8Gi"), null, null, null,
        null, cache, hubToken, startupTimeout);
    ModelTier tier = new ModelTier();
    tier.setMetadata(new ObjectMetaBuilder().withName("small").withNamespace("ml").withUid("uid-1").withGeneration(3L)
        .build());
    tier.setSpec(new ModelTierSpec("qwen-small", 0, server, null, replicas, null));
    return tier;
  }
}
