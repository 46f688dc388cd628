package dev.gearbox.router.xds;

import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;

/**
 * Pure: TLS towards an external tier. SNI is the host and the certificate must name it and chain to the system
 * trust store, or to the CA of the tier's CA Secret (delivered over SDS): the API key goes to no one else.
 */
final class UpstreamTls {
  private UpstreamTls() {
  }

  /** @param caSecret the SDS secret with the tier's own CA, or null for the system trust store in {@code caFile} */
  static UpstreamTlsContext context(String host, String caFile, String caSecret) {
    CertificateValidationContext.Builder names = CertificateValidationContext.newBuilder()
        .addMatchTypedSubjectAltNames(SubjectAltNameMatcher.newBuilder()
            .setSanType(SubjectAltNameMatcher.SanType.DNS)
            .setMatcher(StringMatcher.newBuilder().setExact(host)));
    CommonTlsContext.Builder common = CommonTlsContext.newBuilder();
    if (caSecret == null) {
      common.setValidationContext(names.setTrustedCa(DataSource.newBuilder().setFilename(caFile)));
    } else {
      common.setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
          .setDefaultValidationContext(names)
          .setValidationContextSdsSecretConfig(SdsSecretConfig.newBuilder().setName(caSecret)
              .setSdsConfig(ClusterResources.ads())));
    }
    return UpstreamTlsContext.newBuilder().setSni(host).setCommonTlsContext(common).build();
  }
}
