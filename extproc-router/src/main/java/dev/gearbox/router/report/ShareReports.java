package dev.gearbox.router.report;

import dev.gearbox.api.v1alpha1.ShareReportSpec;
import dev.gearbox.api.v1alpha1.ShareReportSpec.PolicyShares;
import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.ShareView;
import dev.gearbox.router.routing.TierTarget;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pure: this replica's {@link ShareReportSpec} from the snapshot it routes with and the policies it refused. */
public final class ShareReports {
  private static final int MAX_ERROR_CHARS = 1024;

  private ShareReports() {
  }

  /** @param failed by policy id, why its current spec was refused */
  public static ShareReportSpec of(String router, PolicySnapshot snapshot, Map<String, String> failed, Instant now) {
    Map<String, PolicyShares> byId = new TreeMap<>();
    for (CompiledPolicy policy : snapshot.policies()) {
      ShareView shares = policy.estimator() == null ? null : policy.estimator().shares();
      if (shares != null) {
        byId.put(policy.id(), entry(policy, shares, failed.get(policy.id())));
      }
    }
    failed.forEach((id, error) -> byId.computeIfAbsent(id, k -> refused(id, error)));
    List<PolicyShares> policies = new ArrayList<>(byId.values());
    return new ShareReportSpec(router, timestamp(now),
        List.copyOf(policies.subList(0, Math.min(policies.size(), ShareReportSpec.MAX_POLICIES))));
  }

  private static PolicyShares entry(CompiledPolicy policy, ShareView shares, String error) {
    Instant start = shares.windowStart();
    return new PolicyShares(policy.namespace(), policy.name(), policy.tiers().stream().map(TierTarget::name).toList(),
        Arrays.stream(shares.decisions()).boxed().toList(), Arrays.stream(shares.thresholds()).boxed().toList(),
        start == null ? null : timestamp(start), capped(error));
  }

  /** A policy refused with no good version to serve: only the reason. */
  private static PolicyShares refused(String id, String error) {
    int slash = id.indexOf('/');
    return new PolicyShares(id.substring(0, slash), id.substring(slash + 1), null, null, null, null, capped(error));
  }

  private static String capped(String error) {
    return error == null || error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "...";
  }

  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
