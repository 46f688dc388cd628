package dev.gearbox.router.xds;

import dev.gearbox.router.Fixtures;
import dev.gearbox.router.policy.FileWatcher;
import dev.gearbox.router.policy.PolicyFiles;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.SessionStores;
import io.envoyproxy.controlplane.cache.Resources.V3;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** File mode: a tier saved into the policy directory reaches an open ADS stream. */
class XdsFileModeIT {
  @Test
  void aTierAddedToThePolicyDirectoryIsPushed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("fleet.yaml"), XdsFixtures.TIERS + "---\n" + Fixtures.policy(""));
    Files.createDirectories(dir.resolve("secrets/provider"));
    Files.writeString(dir.resolve("secrets/provider/api-key"), "sk-file\n");
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    PolicyFiles files = new PolicyFiles(dir, "team", Classifiers.unavailable(), new SessionStores());
    holder.apply(files.load(holder.get()));
    String name = InProcessServerBuilder.generateName();
    XdsServer server = new XdsServer(InProcessServerBuilder.forName(name), new SimpleMeterRegistry()).start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try (XdsSources.Running tiers = XdsSources.files(files, holder, dir.resolve("secrets"), server,
             new XdsSnapshots(XdsSettings.defaults()));
         FileWatcher ignored = new FileWatcher(dir, 50, () -> {
           holder.apply(files.load(holder.get()));
           tiers.publisher().refresh();
         });
         AdsClient envoy = AdsClient.stateOfTheWorld(channel)) {
      envoy.subscribe(V3.CLUSTER_TYPE_URL, "", List.of());
      DiscoveryResponse first = envoy.next(V3.CLUSTER_TYPE_URL);
      assertThat(AdsClient.unpack(first, Cluster.class)).extracting(Cluster::getName)
          .containsExactlyInAnyOrder("team.small", "team.medium", "team.large");
      assertThat(server.current().secrets().resources().get("team.large.api-key").getGenericSecret().getSecret()
          .getInlineString()).as("the mounted key, trailing newline dropped").isEqualTo("Bearer sk-file");
      envoy.ack(first, List.of());

      Files.writeString(dir.resolve("extra.yaml"), """
          apiVersion: gearbox.dev/v1alpha1
          kind: ModelTier
          metadata: {name: extra, namespace: team}
          spec: {model: extra-model, rank: 3, server: {image: vllm/vllm-openai:v0.11.0}}
          """);

      DiscoveryResponse pushed = envoy.next(V3.CLUSTER_TYPE_URL);
      assertThat(AdsClient.unpack(pushed, Cluster.class)).extracting(Cluster::getName).contains("team.extra");
      assertThat(SnapshotRules.violations(server.current())).isEmpty();
    } finally {
      channel.shutdownNow();
      server.close();
    }
  }
}
