package dev.gearbox.router.cli;

import dev.gearbox.api.v1alpha1.TierNames;
import dev.gearbox.router.xds.XdsServer;
import dev.gearbox.router.xds.XdsSettings;
import dev.gearbox.router.xds.XdsSnapshots;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** The {@code serve} options of the xDS server, and its start. */
final class XdsOptions {
  private static final Logger LOG = LoggerFactory.getLogger(XdsOptions.class);

  @Option(names = "--xds-bind", defaultValue = "0.0.0.0", description = "Address of the xDS port. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(names = "--xds-port", defaultValue = "18000", description = "xDS port (ADS: clusters, endpoints, the "
      + "route configuration gearbox, secrets) Envoy's bootstrap names. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--xds-ca-file", defaultValue = XdsSettings.DEFAULT_CA_FILE, description = "The system "
      + "trust store in the Envoy image, for external tiers without a CA Secret. Default: ${DEFAULT-VALUE}.")
  String caFile;

  @Option(names = "--cluster-domain", defaultValue = TierNames.DEFAULT_CLUSTER_DOMAIN, description = "File mode: in-cluster tiers "
      + "are reached at <tier>.<namespace>.svc.<domain>. Default: ${DEFAULT-VALUE}.")
  String clusterDomain;

  @Option(names = "--secrets-dir", paramLabel = "DIR", description = "File mode: Secret keys external tiers name "
      + "(API keys, CAs) as files DIR/<secret>/<key>, the layout of a mounted Secret.")
  Path secretsDir;

  XdsSnapshots snapshots() {
    return new XdsSnapshots(new XdsSettings(caFile, clusterDomain, XdsSettings.defaults().routeTimeout()));
  }

  XdsServer start(MeterRegistry registry) throws Exception {
    XdsServer server = CliErrors.listen("--xds-port", bind, port,
        () -> new XdsServer(XdsServer.netty(new InetSocketAddress(bind, port)), registry).start());
    LOG.info("xDS (ADS, state of the world and delta) listening on {}:{}", bind, server.port());
    return server;
  }
}
