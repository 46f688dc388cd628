package dev.gearbox.router.metrics;

import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.Decision;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Router metrics in Micrometer. Every tag comes from a bounded set: policy ids, tier names, rule names (the policy's
 * own), outcome reasons (a fixed list in the router). Never prompt text, session ids or users.
 */
public final class RouterMetrics implements RouterEvents {
  private static final String NONE = "none";
  private final MeterRegistry registry;
  private final Counter policyErrors;
  // Looking meters up by builder allocates and hashes their ids on every request; each key's meters are found once.
  private final Map<DecisionKey, DecisionMeters> decisionMeters = new ConcurrentHashMap<>();

  private record DecisionKey(String policy, String tier, String signal, String mode) {
  }

  private record DecisionMeters(Counter requests, Timer latency, DistributionSummary cost) {
  }

  public RouterMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.policyErrors = Counter.builder("gearbox.policy.errors")
        .description("Policies that failed to compile (the last good version kept serving)")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void policyError() {
    policyErrors.increment();
  }

  @Override
  public void decided(CompiledPolicy policy, Decision decision, long nanos, double estimatedCost) {
    DecisionMeters meters = decisionMeters.computeIfAbsent(
        new DecisionKey(policy.id(), decision.tier().name(), decision.decidedBy(), policy.mode().name()),
        this::decisionMeters);
    meters.requests().increment();
    meters.latency().record(nanos, TimeUnit.NANOSECONDS);
    meters.cost().record(estimatedCost);
  }

  private DecisionMeters decisionMeters(DecisionKey key) {
    Counter requests = Counter.builder("gearbox.requests")
        .description("Routed requests by policy, tier and the signal that decided")
        .tags("policy", key.policy(), "tier", key.tier(), "signal", key.signal(), "mode", key.mode())
        .register(registry);
    Timer latency = Timer.builder("gearbox.decision.latency")
        .description("Time from body received to decision (parse, signals, decision)")
        .tags("policy", key.policy())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofMillis(200))
        .register(registry);
    DistributionSummary cost = DistributionSummary.builder("gearbox.estimated.cost")
        .description("Estimated price of routed requests from tier pricing and token estimates")
        .tags("policy", key.policy(), "tier", key.tier())
        .register(registry);
    return new DecisionMeters(requests, latency, cost);
  }

  @Override
  public void shadowed(CompiledPolicy policy, Decision decision, boolean disagrees) {
    if (disagrees) {
      Counter.builder("gearbox.shadow.disagreements")
          .description("Shadow decisions that differ from the default tier the request actually went to")
          .tags("policy", policy.id(), "tier", decision.tier().name())
          .register(registry).increment();
    }
  }

  @Override
  public void fellBack(CompiledPolicy policy, Decision decision) {
    Counter.builder("gearbox.fallbacks")
        .description("Requests whose chosen tier was not ready and went to another")
        .tags("policy", policy.id(), "from", decision.chosen().name(), "to", decision.tier().name())
        .register(registry).increment();
  }

  @Override
  public void failed(CompiledPolicy policy, RouteResult.Kind outcome, String reason) {
    Counter.builder("gearbox.failures")
        .description("Requests the router could not classify, by what the failure mode did with them")
        .tags("policy", policy == null ? NONE : policy.id(), "outcome", outcome.name().toLowerCase(),
            "reason", reason)
        .register(registry).increment();
  }

  @Override
  public void passedThrough(String reason) {
    Counter.builder("gearbox.passthrough")
        .description("Requests passed through unclassified (not an inference request)")
        .tags("reason", reason)
        .register(registry).increment();
  }
}
