package dev.gearbox.router.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every compiled policy, immutable, ordered by precedence: higher priority first, then the more specific match
 * (more criteria set), then namespace/name alphabetically. The first policy whose match holds governs a request.
 */
public record PolicySnapshot(List<CompiledPolicy> policies, long version) {
  static final Comparator<CompiledPolicy> PRECEDENCE = Comparator
      .comparingInt(CompiledPolicy::priority).reversed()
      .thenComparing(Comparator.comparingInt((CompiledPolicy p) -> p.match().specificity()).reversed())
      .thenComparing(CompiledPolicy::id);

  public static final PolicySnapshot EMPTY = new PolicySnapshot(List.of(), 0);

  public static PolicySnapshot of(List<CompiledPolicy> policies, long version) {
    return new PolicySnapshot(policies.stream().sorted(PRECEDENCE).toList(), version);
  }

  public Optional<CompiledPolicy> select(RequestContext request) {
    for (CompiledPolicy policy : policies) {
      if (policy.match().matches(request)) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }

  public Optional<CompiledPolicy> find(String id) {
    return policies.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public boolean isEmpty() {
    return policies.isEmpty();
  }
}
