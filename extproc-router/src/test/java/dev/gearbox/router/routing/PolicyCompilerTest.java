package dev.gearbox.router.routing;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.Complexity;
import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.api.v1alpha1.ScoreRange;
import dev.gearbox.api.v1alpha1.Semantic;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16: every ModelTier status write recompiled every policy and re-embedded every semantic example. */
class PolicyCompilerTest {
  private final AtomicInteger semanticCompiles = new AtomicInteger();
  private final SnapshotBuilder builder = new SnapshotBuilder(new PolicyCompiler(new Classifiers() {
    @Override
    public Condition semantic(Semantic semantic, Scope scope, EmbeddingModel embedding) {
      semanticCompiles.incrementAndGet(); // the real one embeds every example here
      return request -> false;
    }

    @Override
    public Condition complexity(ScoreRange range, Scope scope, EmbeddingModel embedding) {
      throw new UnsupportedOperationException();
    }

    @Override
    public TierEstimator estimator(String policyId, Complexity complexity, int tierCount, EmbeddingModel embedding,
        PolicyData.Bound data) {
      throw new UnsupportedOperationException();
    }
  }, new SessionStores(), false));

  private static List<HasMetadata> parse(String yaml) {
    List<String> errors = new ArrayList<>();
    List<HasMetadata> resources = new ResourceFiles("team").parse("t.yaml", yaml, errors);
    assertThat(errors).isEmpty();
    return resources;
  }

  private PolicySnapshot build(PolicySnapshot previous, String tiers, String policy) {
    List<HasMetadata> resources = parse(tiers + "---\n" + policy);
    var result = builder.build(previous,
        resources.stream().filter(RoutingPolicy.class::isInstance).map(RoutingPolicy.class::cast).toList(),
        resources.stream().filter(ModelTier.class::isInstance).map(ModelTier.class::cast).toList());
    assertThat(result.errors()).isEmpty();
    return result.snapshot();
  }

  private static String readyTiers(String... ready) {
    String tiers = TIERS;
    for (String name : ready) {
      tiers = tiers.replace("metadata: {name: " + name + ", namespace: team}\nspec:", "metadata: {name: " + name
          + ", namespace: team}\nstatus: {conditions: [{type: Ready, status: \"True\"}]}\nspec:");
    }
    return tiers;
  }

  @Test
  void aTierStatusChangeRecompilesTheTiersNotTheRules() {
    String semantic = policy("""
        rules:
          - {name: refunds, tier: large, semantic: {examples: [refund please, money back]}}
          - {name: legal, tier: large, semantic: {examples: [contract]}}
        """);
    PolicySnapshot first = build(PolicySnapshot.EMPTY, readyTiers("small"), semantic);
    PolicySnapshot readier = build(first, readyTiers("small", "medium", "large"), semantic);

    assertThat(semanticCompiles).hasValue(2);
    assertThat(first.policies().get(0).tiers()).extracting(TierTarget::ready).containsExactly(true, false, false);
    assertThat(readier.policies().get(0).tiers()).extracting(TierTarget::ready).containsExactly(true, true, true);
    assertThat(readier.policies().get(0).rules()).isSameAs(first.policies().get(0).rules());

    build(readier, readyTiers("small"), semantic.replace("contract", "lawsuit"));
    assertThat(semanticCompiles).as("a spec change compiles its rules again").hasValue(4);
  }
}
