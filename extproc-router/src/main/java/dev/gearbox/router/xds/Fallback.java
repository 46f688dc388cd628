package dev.gearbox.router.xds;

/** What the route does with a request the router named no tier for. */
public sealed interface Fallback permits Fallback.ToCluster, Fallback.Reject {

  /** FailOpen: the default tier's cluster. */
  record ToCluster(String cluster) implements Fallback {
  }

  /** FailClose, or no usable default: an OpenAI-style error answered by Envoy itself. */
  record Reject(int status, String code, String message) implements Fallback {
  }
}
