package dev.gearbox.router.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdsEditorTest {
  private static final String TIER = """
      apiVersion: gearbox.dev/v1alpha1
      kind: ModelTier
      metadata:
        name: auto
      spec:
        model: m
      ---
      """;

  @Test
  void sharesAreReplacedByThresholdsAndCommentsStay() {
    String yaml = TIER + """
        # the policy
        kind: RoutingPolicy
        metadata:
          name: auto
        spec:
          tiers: [a, b, c]
          complexity:
            targetShares: [50, 30, 20]
          mode: Enforce
        """;

    String edited = ThresholdsEditor.withThresholds(yaml, "auto", new double[] {0.25, 0.75});

    assertThat(edited).contains("# the policy", "  complexity:\n    thresholds: [0.2500, 0.7500]\n  mode: Enforce")
        .doesNotContain("targetShares").startsWith(TIER);
  }

  @Test
  void aPolicyWithoutComplexityGetsTheBlockAndOtherPoliciesAreLeftAlone() {
    String yaml = "kind: RoutingPolicy\nmetadata:\n  name: auto\nspec:\n  tiers: [a, b]\n";

    assertThat(ThresholdsEditor.withThresholds(yaml, "auto", new double[] {0.5}))
        .isEqualTo("kind: RoutingPolicy\nmetadata:\n  name: auto\nspec:\n  complexity:\n    thresholds: [0.5000]\n"
            + "  tiers: [a, b]\n");
    assertThat(ThresholdsEditor.withThresholds(yaml, "other", new double[] {0.5})).isNull();
  }

  @Test
  void theCommentAboveTheBlockIsRewrittenWithTheNewOne() {
    String yaml = """
        kind: RoutingPolicy
        metadata:
          name: auto
        spec:
          tiers: [a, b]
          # about the policy
          stickiness: {header: x}
          # shares 50/50 on last year's prompts
          complexity:
            thresholds: [0.5]
        """;

    String edited = ThresholdsEditor.withThresholds(yaml, "auto", new double[] {0.3}, java.util.List.of("shares 20/80"));

    assertThat(edited).contains("  # about the policy\n  stickiness: {header: x}\n  # shares 20/80\n  complexity:\n"
        + "    thresholds: [0.3000]").doesNotContain("50/50");
  }
}
