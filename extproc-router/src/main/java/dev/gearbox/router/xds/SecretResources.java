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

  static Secret ca(String cluster, SecretValue pem) {
    return Secret.newBuilder().setName(XdsNames.caSecret(cluster))
        .setValidationContext(CertificateValidationContext.newBuilder()
            .setTrustedCa(DataSource.newBuilder().setInlineString(pem.reveal())))
        .build();
  }
}
