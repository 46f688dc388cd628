package dev.gearbox.api.v1alpha1;

/** Constants of the gearbox.dev API group shared by the operator and the router. */
public final class GearboxApi {
  public static final String GROUP = "gearbox.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Kubernetes resource-name rule (RFC 1123 label) used for tier references. */
  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  private GearboxApi() {
  }
}
