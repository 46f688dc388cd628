package dev.gearbox.router.replay;

import dev.gearbox.router.classifier.PromptFile;
import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.Decision;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.ShareView;
import dev.gearbox.router.routing.TierTarget;
import dev.gearbox.router.routing.TokenEstimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Routes prompts offline through {@link RequestRouter}, the code the server runs, and records what it decided, how
 * long the decision took and what it would cost.
 */
public final class Replayer {
  private final Supplier<PolicySnapshot> snapshots;
  private final String model;

  /** @param model the model name the requests ask for, e.g. "auto", so the policy under test governs them */
  public Replayer(Supplier<PolicySnapshot> snapshots, String model) {
    this.snapshots = snapshots;
    this.model = model;
  }

  /**
   * @param decisions one per prompt, in input order, routed or not
   * @param track     under calibration Track, the thresholds after every tenth of the prompts; else empty
   */
  public record Run(CompiledPolicy policy, List<ReplayRecord> records, List<DecisionLog.Line> decisions,
      List<TrackPoint> track, List<String> problems) {
  }

  /** The thresholds calibration Track had moved to after {@code prompts} prompts. */
  public record TrackPoint(int prompts, double[] thresholds) {
  }

  public Run run(List<PromptFile.Prompt> prompts) {
    Capture capture = new Capture();
    RequestRouter router = new RequestRouter(snapshots, RouterSettings.defaults(), capture);
    Map<String, String> headers = PromptRequests.headers();
    CompiledPolicy policy = null;
    List<ReplayRecord> records = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<DecisionLog.Line> decisions = new ArrayList<>();
    List<TrackPoint> track = new ArrayList<>();
    int every = Math.max(1, prompts.size() / 10);
    for (PromptFile.Prompt prompt : prompts) {
      capture.nanos = 0;
      RouteResult result = router.onHeaders(headers)
          .orElseGet(() -> router.onBody(headers, PromptRequests.body(model, prompt.text())));
      Decision decision = result.decision();
      String decidedBy = decision == null ? "failed:" + result.reason() : decision.decidedBy();
      decisions.add(new DecisionLog.Line(prompt.line(), decision == null ? null : decision.tier().name(), decidedBy,
          decision == null || decision.estimate() == null ? null : decision.estimate().score(), null));
      ShareView shares = result.policy() == null || result.policy().estimator() == null ? null
          : result.policy().estimator().shares();
      if (shares != null && shares.tracks() && (decisions.size() % every == 0 || decisions.size() == prompts.size())) {
        track.add(new TrackPoint(decisions.size(), shares.thresholds()));
      }
      if (result.policy() == null) {
        problems.add("line " + prompt.line() + ": not routed (" + result.reason() + ")");
        continue;
      }
      policy = result.policy();
      List<TierTarget> tiers = policy.tiers();
      int label = label(prompt.tier(), tiers);
      if (prompt.tier() != null && label < 0) {
        problems.add("line " + prompt.line() + ": unknown tier label \"" + prompt.tier() + "\", counted unlabelled");
      }
      int tokens = TokenEstimate.of(prompt.text());
      double topCost = tiers.get(tiers.size() - 1).price(tokens, tokens);
      records.add(new ReplayRecord(prompt.line(), prompt.source(), label,
          decision == null ? -1 : tiers.indexOf(decision.tier()),
          decidedBy, capture.nanos,
          decision == null ? topCost : capture.cost, topCost));
    }
    return new Run(policy, records, decisions, track, problems);
  }

  /** A number is the 1-based position in the policy's tiers; a string is a tier name. -1 when neither fits. */
  static int label(String tier, List<TierTarget> tiers) {
    if (tier == null) {
      return -1;
    }
    if (tier.matches("\\d+")) {
      int position = Integer.parseInt(tier);
      return position >= 1 && position <= tiers.size() ? position - 1 : -1;
    }
    for (int i = 0; i < tiers.size(); i++) {
      if (tiers.get(i).name().equals(tier)) {
        return i;
      }
    }
    return -1;
  }

  /** The router reports each decision's latency and estimated cost through its events. */
  private static final class Capture implements RouterEvents {
    long nanos;
    double cost;

    @Override
    public void decided(CompiledPolicy policy, Decision decision, long nanos, double estimatedCost) {
      this.nanos = nanos;
      this.cost = estimatedCost;
    }
  }
}
