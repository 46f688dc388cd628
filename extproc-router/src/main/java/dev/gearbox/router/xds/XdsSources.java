package dev.gearbox.router.xds;

import dev.gearbox.router.policy.ClusterPolicySource;
import dev.gearbox.router.policy.PolicyFiles;
import dev.gearbox.router.policy.SnapshotHolder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.util.List;

/** Connects the server to where tiers come from, so every change that matters rebuilds the snapshot. */
public final class XdsSources {
  private XdsSources() {
  }

  /** A source feeding the server; closing it stops its watches and rebuilds. */
  public record Running(XdsPublisher publisher, AutoCloseable inputs) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      publisher.close();
      inputs.close();
    }
  }

  /**
   * Cluster mode: from the router's own ModelTier informers, plus EndpointSlices and the named Secrets; rebuilt on
   * a change to any of them or to the policies (their failure mode and default tier make the fallback route).
   *
   * @param namespaces the namespaces served, or null for every namespace
   */
  public static Running cluster(KubernetesClient client, List<String> namespaces, ClusterPolicySource source,
      SnapshotHolder policies, XdsServer server, XdsSnapshots snapshots) {
    ClusterXdsInputs inputs = new ClusterXdsInputs(client, namespaces, source::tiers, policies);
    XdsPublisher publisher = new XdsPublisher(snapshots, inputs, server);
    inputs.onChange(publisher::refresh);
    source.onTierChange(publisher::refresh);
    policies.onChange(changed -> publisher.refresh());
    publisher.rebuild();
    return new Running(publisher, inputs);
  }

  /**
   * File mode: from the policy files' ModelTiers; the file watcher calls {@link XdsPublisher#refresh} after each
   * reload.
   */
  public static Running files(PolicyFiles files, SnapshotHolder policies, Path secretsDir, XdsServer server,
      XdsSnapshots snapshots) {
    XdsPublisher publisher = new XdsPublisher(snapshots, new FileXdsInputs(files::tiers, policies, secretsDir),
        server);
    publisher.rebuild();
    return new Running(publisher, () -> { });
  }
}
