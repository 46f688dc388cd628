package dev.gearbox.operator.reconciler;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

import java.util.Objects;

/** Patches a status only when it changed, so a quiet reconcile writes nothing to the API server. */
final class StatusUpdates {

  private StatusUpdates() {
  }

  static <S, P extends CustomResource<?, S>> UpdateControl<P> ifChanged(P resource, S status) {
    if (Objects.equals(resource.getStatus(), status)) {
      return UpdateControl.noUpdate();
    }
    resource.setStatus(status);
    return UpdateControl.patchStatus(resource);
  }
}
