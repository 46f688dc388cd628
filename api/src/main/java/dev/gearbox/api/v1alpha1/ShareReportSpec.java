package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareReportSpec(
    @JsonPropertyDescription("The router replica (its pod name).")
    String router,

    @JsonPropertyDescription("When the router wrote this report (RFC 3339).")
    String observedAt,

    @Size(max = ShareReportSpec.MAX_POLICIES)
    @JsonPropertyDescription("One entry per policy with a complexity estimator.")
    List<PolicyShares> policies) {

  /** Keeps a report of a router obeying many namespaces well inside etcd's object size limit. */
  public static final int MAX_POLICIES = 2000;

  /**
   * @param decisions per tier, the estimator's decisions over the router's window, in the policy's tier order
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PolicyShares(
      @JsonPropertyDescription("The policy's namespace.")
      String namespace,

      @JsonPropertyDescription("The policy's name.")
      String name,

      @JsonPropertyDescription("The policy's tiers in order, as the router compiled them.")
      List<String> tiers,

      @JsonPropertyDescription("Per tier, the estimator's decisions over this router's last window.")
      List<Long> decisions,

      @JsonPropertyDescription("The thresholds in force.")
      List<Double> thresholds,

      @JsonPropertyDescription("When the oldest decision of the window was made (RFC 3339).")
      String windowStart,

      @JsonPropertyDescription("A problem with the policy's estimator settings this router has, e.g. weights it "
          + "refused and why; the last good state keeps serving.")
      String error) {
  }
}
