package dev.gearbox.operator.status;

/** Condition types of a ModelTier (PascalCase, as Kubernetes conventions ask). */
public final class TierConditionTypes {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  private TierConditionTypes() {
  }
}
