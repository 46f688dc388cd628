package dev.gearbox.router.xds;

import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.GenericSecret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;

/** Pure: the SDS secrets of an external tier. */
final class SecretResources {
  private SecretResources() {
  }

  /** The whole header value, as the credential injector's generic credential sends it. */
  static Secret apiKey(String cluster, SecretValue key) {
    return Secret.newBuilder().setName(XdsNames.apiKeySecret(cluster))
        .setGenericSecret(GenericSecret.newBuilder().setSecret(DataSource.newBuilder()
            .setInlineString("Bearer " + key.reveal().strip())))
        .build();
  }

  /** Why this value cannot be a header value (it is never shown), or null. */
  static String apiKeyProblem(SecretValue key) {
    String value = key.reveal().strip();
    if (value.isEmpty()) {
      return "is empty";
    }
    return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? "holds control characters (a line break?)" : null;
  }

  static String caProblem(SecretValue pem) {
    return pem.reveal().contains("-----BEGIN CERTIFICATE-----") ? null : "holds no PEM certificate";
  }

  static Secret ca(String cluster, SecretValue pem) {
    return Secret.newBuilder().setName(XdsNames.caSecret(cluster))
        .setValidationContext(CertificateValidationContext.newBuilder()
            .setTrustedCa(DataSource.newBuilder().setInlineString(pem.reveal())))
        .build();
  }
}
