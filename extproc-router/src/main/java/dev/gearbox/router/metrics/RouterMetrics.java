package dev.gearbox.router.metrics;

import dev.gearbox.router.request.TokenUsage;
import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.Decision;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.ShareView;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.TierTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Router metrics in Micrometer. Every tag comes from a bounded set: policy ids, tier names, rule names (the policy's
 * own), outcome reasons (a fixed list in the router). Never prompt text, session ids or users.
 */
public final class RouterMetrics implements RouterEvents {
  private static final String NONE = "none";
  /**
   * Decision-latency buckets, chosen around the budgets (p50 0.5 ms, p99 5 ms) and the decision budget (200 ms):
   * 13 per policy instead of Micrometer's ~70 percentile-histogram buckets.
   */
  static final Duration[] LATENCY_BUCKETS = {Duration.ofNanos(50_000), Duration.ofNanos(100_000),
      Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000),
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500)};
  private final MeterRegistry registry;
  private final Counter policyErrors;
  // Looking meters up by builder allocates and hashes their ids on every request; each key's meters are found once.
  private final Map<DecisionKey, DecisionMeters> decisionMeters = new ConcurrentHashMap<>();
  // The share view each policy's gauges read; replaced (gauges re-registered) when a reload brings a new one.
  private final Map<String, ShareView> shareViews = new ConcurrentHashMap<>();

  private record DecisionKey(String policy, String tier, String signal, String mode) {
  }

  private record DecisionMeters(Counter requests, Timer latency, DistributionSummary cost) {
  }

  private final Map<TierKey, UsageMeters> usageMeters = new ConcurrentHashMap<>();

  private record TierKey(String policy, String tier) {
  }

  private record UsageMeters(Counter responses, Counter input, Counter output, Counter cost) {
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
    if (decision.floor() != Decision.Floor.NONE) {
      Counter.builder("gearbox.floors").description("Turns raised to the tier their conversation or session reached")
          .tags("policy", policy.id(), "floor", decision.floor().name().toLowerCase(java.util.Locale.ROOT))
          .register(registry).increment();
    }
    ShareView shares = policy.estimator() == null ? null : policy.estimator().shares();
    if (shares != null && shareViews.get(policy.id()) != shares) {
      shareViews.compute(policy.id(), (id, old) -> {
        if (old != shares) {
          registerShareGauges(policy, shares);
        }
        return shares;
      });
    }
  }

  /** Per policy and tier: realised and target share, thresholds in force, and moves when calibration Track. */
  private void registerShareGauges(CompiledPolicy policy, ShareView shares) {
    for (String meter : List.of("gearbox.share.target", "gearbox.share.realised", "gearbox.complexity.threshold",
        "gearbox.threshold.moves")) {
      registry.find(meter).tag("policy", policy.id()).meters().forEach(registry::remove);
    }
    double[] targets = shares.targetShares();
    for (int t = 0; t < policy.tiers().size(); t++) {
      int tier = t;
      String name = policy.tiers().get(t).name();
      if (targets != null) {
        Gauge.builder("gearbox.share.target", shares, s -> targets[tier])
            .description("Target share of the estimator's decisions (spec.complexity.targetShares)")
            .tags("policy", policy.id(), "tier", name).strongReference(true).register(registry);
      }
      Gauge.builder("gearbox.share.realised", shares, s -> s.realisedShares()[tier])
          .description("Share of the estimator's decisions over the router's last window")
          .tags("policy", policy.id(), "tier", name).strongReference(true).register(registry);
    }
    for (int b = 0; b < policy.tiers().size() - 1; b++) {
      int boundary = b;
      Gauge.builder("gearbox.complexity.threshold", shares, s -> s.thresholds()[boundary])
          .description("Score threshold in force between a tier and the next")
          .tags("policy", policy.id(), "above", policy.tiers().get(b + 1).name()).strongReference(true)
          .register(registry);
    }
    FunctionCounter.builder("gearbox.threshold.moves", shares, ShareView::moves)
        .description("Times calibration Track moved the thresholds")
        .tags("policy", policy.id()).register(registry);
  }

  private DecisionMeters decisionMeters(DecisionKey key) {
    Counter requests = Counter.builder("gearbox.requests")
        .description("Routed requests by policy, tier and the signal that decided")
        .tags("policy", key.policy(), "tier", key.tier(), "signal", key.signal(), "mode", key.mode())
        .register(registry);
    Timer latency = Timer.builder("gearbox.decision.latency")
        .description("Time from body received to decision (parse, signals, decision)")
        .tags("policy", key.policy())
        .serviceLevelObjectives(LATENCY_BUCKETS)
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
  public void failed(RouteResult failure) {
    Counter.builder("gearbox.failures")
        .description("Requests the router could not classify, by what the failure mode did with them")
        .tags("policy", failure.policy() == null ? NONE : failure.policy().id(), "outcome", failure.outcome(),
            "reason", failure.reason())
        .register(registry).increment();
  }

  @Override
  public void used(CompiledPolicy policy, TierTarget tier, TokenUsage usage) {
    UsageMeters meters = usageMeters.computeIfAbsent(new TierKey(policy.id(), tier.name()), this::usageMeters);
    meters.responses().increment();
    meters.input().increment(usage.input());
    meters.output().increment(usage.output());
    meters.cost().increment(tier.price(usage.input(), usage.output()));
  }

  private UsageMeters usageMeters(TierKey key) {
    return new UsageMeters(responses(key.policy(), key.tier(), "reported"),
        tokens(key, "input"), tokens(key, "output"),
        Counter.builder("gearbox.usage.cost")
            .description("Price of routed requests from the tokens their tier reported, at the tier's pricing")
            .tags("policy", key.policy(), "tier", key.tier()).register(registry));
  }

  private Counter tokens(TierKey key, String kind) {
    return Counter.builder("gearbox.usage.tokens").description("Tokens routed requests used, as their tier reported")
        .tags("policy", key.policy(), "tier", key.tier(), "kind", kind).register(registry);
  }

  @Override
  public void unmetered(CompiledPolicy policy, TierTarget tier, String reason) {
    responses(policy.id(), tier.name(), reason).increment();
  }

  /** Responses of routed requests by whether their usage was read ({@code reported}) or why not. */
  private Counter responses(String policy, String tier, String usage) {
    return Counter.builder("gearbox.usage.responses")
        .description("Responses of routed requests: usage reported, or why it was not read (streamed, no_usage, ...)")
        .tags("policy", policy, "tier", tier, "usage", usage).register(registry);
  }

  @Override
  public void passedThrough(String reason) {
    Counter.builder("gearbox.passthrough")
        .description("Requests passed through unclassified (not an inference request)")
        .tags("reason", reason)
        .register(registry).increment();
  }
}
