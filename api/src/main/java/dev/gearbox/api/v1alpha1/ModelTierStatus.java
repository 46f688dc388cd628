package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelTierStatus(
    @JsonPropertyDescription("The metadata.generation this status describes.")
    Long observedGeneration,

    @JsonPropertyDescription("Ready, Progressing and Degraded, with reasons and messages.")
    List<Condition> conditions,

    @JsonPropertyDescription("Model-server replicas that exist.")
    Integer replicas,

    @JsonPropertyDescription("Model-server replicas that pass their readiness probe.")
    Integer readyReplicas,

    @JsonPropertyDescription("host:port Envoy sends this tier's traffic to (the Service DNS name, or the external endpoint's host).")
    String address,

    @JsonPropertyDescription("Base URL of the tier's OpenAI-compatible API.")
    String url) {

  /** Condition types of a ModelTier (PascalCase, as Kubernetes conventions ask); one owner for operator and router. */
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  /** The Ready condition's verdict, or null when the operator has not said yet. */
  @JsonIgnore
  public Boolean ready() {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> READY.equals(c.getType())).findFirst()
        .map(c -> "True".equals(c.getStatus())).orElse(null);
  }
}
