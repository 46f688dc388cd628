package dev.gearbox.operator.status;

import dev.gearbox.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * What the operator found for a Secret key reference. UNCHECKED: the operator may not read Secrets in that
 * namespace (least privilege: the chart grants Secret reads only where asked), so the key is taken on trust.
 */
public enum SecretCheck {
  NOT_REFERENCED, FOUND, SECRET_MISSING, KEY_MISSING, UNCHECKED;

  /** Pure: classifies a fetched Secret (null when it does not exist) against the reference. */
  public static SecretCheck of(SecretKeyReference reference, Secret secret) {
    if (reference == null) {
      return NOT_REFERENCED;
    }
    if (secret == null) {
      return SECRET_MISSING;
    }
    boolean inData = secret.getData() != null && secret.getData().containsKey(reference.key());
    boolean inStringData = secret.getStringData() != null && secret.getStringData().containsKey(reference.key());
    return inData || inStringData ? FOUND : KEY_MISSING;
  }

  public boolean usable() {
    return this == NOT_REFERENCED || this == FOUND || this == UNCHECKED;
  }
}
