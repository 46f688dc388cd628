package dev.gearbox.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** One line for a status condition from an exception: the API server's own message when there is one. */
final class ErrorMessages {

  private ErrorMessages() {
  }

  static String of(Throwable error) {
    Throwable cause = error;
    while (cause != null) {
      if (cause instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
        return k.getStatus().getMessage();
      }
      if (cause.getCause() == null || cause.getCause() == cause) {
        break;
      }
      cause = cause.getCause();
    }
    String message = cause == null ? null : cause.getMessage();
    return message == null ? error.getClass().getSimpleName() : message;
  }
}
