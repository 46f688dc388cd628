package dev.gearbox.router.replay;

import dev.gearbox.router.Fixtures;
import dev.gearbox.router.cli.Wiring;
import dev.gearbox.router.routing.PolicySnapshot;

/** The policies the replay tests route over, on the fixture's tiers small, medium, large. */
final class ReplayPolicies {
  /** Rules only, no model needed: "prove" goes large, ten tokens or fewer go small, the rest to the default. */
  static final PolicySnapshot RULES = Fixtures.snapshot(Fixtures.TIERS + "---\n" + Fixtures.policy("""
      rules:
        - {name: hard, tier: large, keywords: {any: [prove]}}
        - {name: short, tier: small, promptTokens: {max: 10}}
      """));

  private ReplayPolicies() {
  }

  /** The shipped estimator under calibration Track, moving every ten decisions once twenty were seen. */
  static PolicySnapshot track() {
    return Fixtures.snapshot(Fixtures.TIERS + "---\n" + Fixtures.policy("""
        complexity:
          targetShares: [34, 33, 33]
          calibration: Track
          tracking: {window: 200, minSample: 20, moveEvery: 10, maxStep: 0.05}
        """), Wiring.classifiers());
  }
}
