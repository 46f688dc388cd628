package dev.gearbox.router.xds;

import dev.gearbox.api.v1alpha1.ExternalEndpoint;
import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.TierNames;
import dev.gearbox.router.xds.XdsTier.External;
import dev.gearbox.router.xds.XdsTier.InCluster;
import dev.gearbox.router.xds.XdsTier.Protocol;
import dev.gearbox.router.xds.XdsTier.SecretRef;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pure: a ModelTier's upstream for Envoy. Two choices the CRD has no field for are annotations, so the CRD stays
 * as it is: {@value #PROTOCOL} ({@code http1} or {@code h2c}, for a {@code custom} engine; vLLM and SGLang speak
 * HTTP/1.1 only) and {@value #CA_SECRET} (a Secret in the tier's namespace whose {@code ca.crt} is the CA an
 * external provider's certificate must chain to, instead of the system trust store).
 */
public final class TierUpstreams {
  public static final String PROTOCOL = "gearbox.dev/upstream-protocol";
  public static final String CA_SECRET = "gearbox.dev/ca-secret";
  public static final String CA_KEY = "ca.crt";

  private TierUpstreams() {
  }

  /** The tiers that can be given a cluster; each one that cannot is reported to {@code errors} and left out. */
  public static List<XdsTier> all(List<ModelTier> tiers, Consumer<String> errors) {
    List<XdsTier> result = new ArrayList<>();
    for (ModelTier tier : tiers) {
      try {
        result.add(of(tier));
      } catch (IllegalArgumentException e) {
        errors.accept(e.getMessage());
      }
    }
    return result;
  }

  /** @throws IllegalArgumentException naming the field when the tier cannot be given a cluster */
  public static XdsTier of(ModelTier tier) {
    String namespace = tier.getMetadata().getNamespace();
    String name = tier.getMetadata().getName();
    String id = "ModelTier " + namespace + "/" + name;
    if (tier.getSpec() == null || (tier.getSpec().server() == null) == (tier.getSpec().endpoint() == null)) {
      throw new IllegalArgumentException(id + ": exactly one of spec.server or spec.endpoint must be set");
    }
    Map<String, String> annotations = tier.getMetadata().getAnnotations() == null
        ? Map.of() : tier.getMetadata().getAnnotations();
    if (tier.getSpec().server() != null) {
      return new XdsTier(namespace, name, inCluster(id, name, tier.getSpec().server(), annotations.get(PROTOCOL)));
    }
    return new XdsTier(namespace, name, external(id, namespace, tier.getSpec().endpoint(), annotations.get(CA_SECRET)));
  }

  private static InCluster inCluster(String id, String name, ModelServer server, String protocol) {
    boolean custom = server.engine() == ModelServer.Engine.CUSTOM;
    if (protocol != null && !custom) {
      throw new IllegalArgumentException(id + ": annotation " + PROTOCOL + " applies to engine custom only ("
          + "vLLM and SGLang serve HTTP/1.1)");
    }
    return new InCluster(TierNames.service(name), server.effectivePort(), protocol == null ? Protocol.HTTP1 : switch (protocol.toLowerCase(Locale.ROOT)) {
      case "http1" -> Protocol.HTTP1;
      case "h2c" -> Protocol.H2C;
      default -> throw new IllegalArgumentException(id + ": annotation " + PROTOCOL + " is \"" + protocol
          + "\"; expected http1 or h2c");
    });
  }

  private static External external(String id, String namespace, ExternalEndpoint endpoint, String caSecret) {
    URI url;
    try {
      url = new URI(endpoint.url());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException(id + ": spec.endpoint.url \"" + endpoint.url() + "\" is not a URL");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
      throw new IllegalArgumentException(id + ": spec.endpoint.url \"" + endpoint.url()
          + "\" needs an http or https scheme and a host");
    }
    boolean tls = scheme.equals("https");
    SecretRef apiKey = endpoint.apiKeySecret() == null ? null
        : new SecretRef(namespace, endpoint.apiKeySecret().name(), endpoint.apiKeySecret().key());
    if (!tls && apiKey != null) {
      throw new IllegalArgumentException(id + ": spec.endpoint.url is http://, which would send the API key in "
          + "clear text; use https");
    }
    if (!tls && caSecret != null) {
      throw new IllegalArgumentException(id + ": annotation " + CA_SECRET + " needs an https spec.endpoint.url");
    }
    int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
    String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
    return new External(url.getHost(), port, path, tls, apiKey,
        caSecret == null ? null : new SecretRef(namespace, caSecret, CA_KEY));
  }
}
