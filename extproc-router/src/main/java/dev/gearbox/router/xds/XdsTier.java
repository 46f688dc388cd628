package dev.gearbox.router.xds;

import dev.gearbox.api.v1alpha1.TierNames;

/**
 * A ModelTier as Envoy needs it: where its traffic goes and how. Pure data, built by {@link TierUpstreams}.
 *
 * @param namespace the tier's namespace
 * @param name      the tier's name
 * @param upstream  an in-cluster Service or an external provider
 */
public record XdsTier(String namespace, String name, Upstream upstream) {

  /** The Envoy cluster, the name the router puts in {@code x-gearbox-cluster}. */
  public String cluster() {
    return TierNames.cluster(namespace, name);
  }

  /** Where a tier's requests go. */
  public sealed interface Upstream permits InCluster, External {
  }

  /** How Envoy speaks to an in-cluster model server. */
  public enum Protocol { HTTP1, H2C }

  /**
   * The operator's Service for the tier.
   *
   * @param service the Service (and EndpointSlice {@code kubernetes.io/service-name}) name
   * @param port    the serving port
   */
  public record InCluster(String service, int port, Protocol protocol) implements Upstream {
  }

  /**
   * An external OpenAI-compatible provider.
   *
   * @param host      DNS name (also the TLS SNI and the name the certificate must carry)
   * @param basePath  the URL's path without a trailing slash, which stands for {@code /v1} (OpenAI's SDKs append
   *                  {@code /chat/completions} to the base URL): {@code /v1}, {@code /openai/v1}, or empty
   * @param tls       false only for an {@code http://} URL, which may not carry an API key
   * @param apiKey    the Secret key holding the API key, or null
   * @param caSecret  a Secret whose {@code ca.crt} replaces the system trust store, or null
   */
  public record External(String host, int port, String basePath, boolean tls, SecretRef apiKey, SecretRef caSecret)
      implements Upstream {
  }

  /** A key of a Secret. */
  public record SecretRef(String namespace, String name, String key) {
    @Override
    public String toString() {
      return namespace + "/" + name + "[" + key + "]";
    }
  }
}
