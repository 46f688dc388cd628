package dev.gearbox.router.xds;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig;
import io.envoyproxy.envoy.extensions.filters.http.credential_injector.v3.CredentialInjector;
import io.envoyproxy.envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.http.injected_credentials.generic.v3.Generic;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;

import java.util.List;

/**
 * Pure: the upstream filters that add an external tier's API key. Envoy's credential injector runs as an upstream
 * filter of the tier's cluster, after the route is chosen and after ext_proc, with the key from an SDS secret on
 * the same ADS stream: the key is only ever on the connection to that provider (TLS-verified), never in a request
 * the router or another tier sees, never in an answer to the client, and a rotated Secret reaches Envoy without a
 * restart. See docs/router.md#api-keys for the alternatives weighed.
 */
final class UpstreamCredentials {
  private UpstreamCredentials() {
  }

  static List<HttpFilter> filters(String secretName) {
    Generic generic = Generic.newBuilder()
        .setCredential(SdsSecretConfig.newBuilder().setName(secretName).setSdsConfig(ClusterResources.ads()))
        .setHeader("Authorization")
        .build();
    CredentialInjector injector = CredentialInjector.newBuilder()
        .setOverwrite(true) // a client's own Authorization header never reaches the provider
        .setCredential(TypedExtensionConfig.newBuilder().setName("envoy.http.injected_credentials.generic")
            .setTypedConfig(Any.pack(generic)))
        .build();
    return List.of(
        HttpFilter.newBuilder().setName("envoy.filters.http.credential_injector").setTypedConfig(Any.pack(injector))
            .build(),
        // An upstream filter chain must end in the codec filter.
        HttpFilter.newBuilder().setName("envoy.filters.http.upstream_codec")
            .setTypedConfig(Any.pack(UpstreamCodec.getDefaultInstance())).build());
  }
}
