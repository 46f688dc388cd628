package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.Pricing;
import dev.gearbox.api.v1alpha1.ResolvedTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec;
import dev.gearbox.api.v1alpha1.Rule;
import dev.gearbox.api.v1alpha1.Stickiness;
import dev.gearbox.api.validation.FieldError;
import dev.gearbox.api.validation.RoutingPolicyValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Turns a RoutingPolicy and the ModelTiers of its namespace into a {@link CompiledPolicy}. */
public final class PolicyCompiler {
  private final Classifiers classifiers;
  private final SessionStores sessions;
  private final boolean tierWithoutStatusIsReady;
  private final PolicyData data;
  private final Map<String, CompiledRules> compiledRules = new ConcurrentHashMap<>();

  /**
   * @param tierWithoutStatusIsReady true for tiers defined in files (nothing reports on them), false in a cluster,
   *                                 where a tier without status has not been reconciled yet
   */
  public PolicyCompiler(Classifiers classifiers, SessionStores sessions, boolean tierWithoutStatusIsReady) {
    this(classifiers, sessions, tierWithoutStatusIsReady, PolicyData.none());
  }

  /** @param data where the weights and samples policies name are read from */
  public PolicyCompiler(Classifiers classifiers, SessionStores sessions, boolean tierWithoutStatusIsReady,
      PolicyData data) {
    this.classifiers = classifiers;
    this.sessions = sessions;
    this.tierWithoutStatusIsReady = tierWithoutStatusIsReady;
    this.data = data;
  }

  /** @param tiers the ModelTiers of the policy's namespace, by name */
  public CompiledPolicy compile(RoutingPolicy policy, Map<String, ModelTier> tiers) throws PolicyCompileException {
    String namespace = policy.getMetadata().getNamespace();
    String id = namespace + "/" + policy.getMetadata().getName();
    RoutingPolicySpec spec = policy.getSpec();
    List<FieldError> errors = RoutingPolicyValidator.validate(spec, tiers);
    if (!errors.isEmpty()) {
      throw new PolicyCompileException("RoutingPolicy " + id + " is invalid: " + errors);
    }
    List<TierTarget> targets = spec.tiers().stream().map(name -> target(namespace, name, tiers.get(name))).toList();
    List<CompiledRule> rules = rules(id, spec);
    TierEstimator estimator = null;
    if (spec.complexity() != null) {
      try {
        estimator = classifiers.estimator(id, spec.complexity(), targets.size(), spec.embedding(),
            data.in(namespace));
      } catch (PolicyCompileException e) {
        throw new PolicyCompileException("RoutingPolicy " + id + " spec.complexity: " + e.getMessage());
      }
    }
    return new CompiledPolicy(namespace, policy.getMetadata().getName(),
        RequestMatcher.of(spec.match()), spec.effectivePriority(),
        targets, spec.tiers().indexOf(spec.defaultTier()), rules, estimator,
        historyBudget(spec.effectiveStickiness()), sessions.forPolicy(id, spec.effectiveStickiness()),
        spec.effectiveFallback(), spec.effectiveFailureMode(), spec.effectiveMode(),
        Boolean.TRUE.equals(spec.logPrompts()));
  }

  /**
   * The policy's rules, compiled once per spec: a tier's status change recompiles the policy's tiers, not its rules
   * (a semantic rule's examples are embedded when it compiles, up to 64 rules of 256 examples).
   */
  private List<CompiledRule> rules(String id, RoutingPolicySpec spec) throws PolicyCompileException {
    CompiledRules cached = compiledRules.get(id);
    if (cached != null && cached.spec().equals(spec)) {
      return cached.rules();
    }
    List<CompiledRule> rules = new ArrayList<>();
    List<Rule> specRules = spec.rules() == null ? List.of() : spec.rules();
    for (int i = 0; i < specRules.size(); i++) {
      try {
        rules.add(compileRule(specRules.get(i), spec));
      } catch (PolicyCompileException e) {
        throw new PolicyCompileException("RoutingPolicy " + id + " spec.rules[" + i + "]: " + e.getMessage());
      }
    }
    List<CompiledRule> compiled = List.copyOf(rules);
    compiledRules.put(id, new CompiledRules(spec, compiled));
    return compiled;
  }

  private record CompiledRules(RoutingPolicySpec spec, List<CompiledRule> rules) {
  }

  private static CompiledPolicy.HistoryBudget historyBudget(Stickiness stickiness) {
    return stickiness.floorsOnHistory() && stickiness.effectiveHistoryTurns() > 0
        ? new CompiledPolicy.HistoryBudget(stickiness.effectiveHistoryTurns(), stickiness.effectiveHistoryChars())
        : null;
  }

  /** After a rebuild: the session stores and compiled rules of policies no longer compiled are dropped. */
  void retainOnly(List<String> policyIds) {
    sessions.retainOnly(policyIds);
    compiledRules.keySet().retainAll(policyIds);
  }

  private CompiledRule compileRule(Rule rule, RoutingPolicySpec spec) throws PolicyCompileException {
    return new CompiledRule(rule.name(), spec.tiers().indexOf(rule.tier()),
        RuleConditions.compile(rule, spec.embedding(), classifiers));
  }


  private TierTarget target(String namespace, String name, ModelTier tier) {
    ResolvedTier resolved = ResolvedTier.of(namespace, name, tier);
    if (!resolved.found()) {
      return new TierTarget(name, name, resolved.cluster(), Integer.MAX_VALUE, false, 0, 0); // never routed to
    }
    Pricing pricing = tier.getSpec().pricing();
    return new TierTarget(name, resolved.model(), resolved.cluster(), resolved.rank(), isReady(tier),
        pricing == null || pricing.inputPerMillion() == null ? 0 : pricing.inputPerMillion(),
        pricing == null || pricing.outputPerMillion() == null ? 0 : pricing.outputPerMillion());
  }


  private boolean isReady(ModelTier tier) {
    Boolean ready = tier.getStatus() == null ? null : tier.getStatus().ready();
    return ready == null ? tierWithoutStatusIsReady : ready;
  }
}
