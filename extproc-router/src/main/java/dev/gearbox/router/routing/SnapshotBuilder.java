package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles the current resources into a new snapshot. A policy that fails to compile keeps its last good version
 * from the previous snapshot; the failure is reported, never thrown.
 */
public final class SnapshotBuilder {
  private final PolicyCompiler compiler;

  public SnapshotBuilder(PolicyCompiler compiler) {
    this.compiler = compiler;
  }

  /** @param failed by policy id, why its current spec did not compile */
  public record Result(PolicySnapshot snapshot, List<String> errors, Map<String, String> failed) {
    public Result(PolicySnapshot snapshot, List<String> errors) {
      this(snapshot, errors, Map.of());
    }
  }

  public Result build(PolicySnapshot previous, List<RoutingPolicy> policies, List<ModelTier> tiers) {
    Map<String, Map<String, ModelTier>> tiersByNamespace = new HashMap<>();
    for (ModelTier tier : tiers) {
      tiersByNamespace.computeIfAbsent(tier.getMetadata().getNamespace(), ns -> new HashMap<>())
          .put(tier.getMetadata().getName(), tier);
    }
    List<CompiledPolicy> compiled = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Map<String, String> failed = new HashMap<>();
    for (RoutingPolicy policy : policies) {
      String namespace = policy.getMetadata().getNamespace();
      try {
        compiled.add(compiler.compile(policy, tiersByNamespace.getOrDefault(namespace, Map.of())));
      } catch (PolicyCompileException | RuntimeException e) {
        String id = namespace + "/" + policy.getMetadata().getName();
        failed.put(id, e.getMessage());
        previous.find(id).ifPresentOrElse(
            lastGood -> {
              compiled.add(lastGood);
              errors.add(e.getMessage() + " (keeping the last good version)");
            },
            () -> errors.add(e.getMessage()));
      }
    }
    compiler.retainSessionsOf(compiled.stream().map(CompiledPolicy::id).toList());
    return new Result(PolicySnapshot.of(compiled, previous.version() + 1), List.copyOf(errors), Map.copyOf(failed));
  }
}
