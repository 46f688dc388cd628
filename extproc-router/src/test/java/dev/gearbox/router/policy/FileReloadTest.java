package dev.gearbox.router.policy;

import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.RequestContext;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.request.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FileReloadTest {
  @TempDir
  Path dir;

  private static RequestContext hello() {
    return new RequestContext(Map.of(), "auto", List.of(new Message("user", "hello")), null);
  }

  private static String defaultTierOf(SnapshotHolder holder) {
    return holder.get().select(hello()).orElseThrow().defaultTarget().name();
  }

  @Test
  void editsAreReloadedAndABrokenEditKeepsTheLastGoodPolicy() throws Exception {
    Path tiers = dir.resolve("tiers.yaml");
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(tiers, TIERS);
    Files.writeString(policy, policy(""));
    AtomicInteger errors = new AtomicInteger();
    SnapshotHolder holder = new SnapshotHolder(errors::incrementAndGet);
    PolicyFiles files = new PolicyFiles(dir, "team", Classifiers.unavailable(), new SessionStores());
    holder.apply(files.load(holder.get()));
    assertThat(defaultTierOf(holder)).isEqualTo("medium");

    try (FileWatcher ignored = new FileWatcher(dir, 50, () -> holder.apply(files.load(holder.get())))) {
      Files.writeString(policy, policy("").replace("defaultTier: medium", "defaultTier: large"));
      await().untilAsserted(() -> assertThat(defaultTierOf(holder)).isEqualTo("large"));

      Files.writeString(policy, policy("").replace("defaultTier: medium", "defaultTier: nowhere"));
      await().untilAsserted(() -> assertThat(errors).hasPositiveValue());
      assertThat(defaultTierOf(holder)).isEqualTo("large");

      Files.writeString(policy, "kind: [broken");
      await().untilAsserted(() -> assertThat(errors).hasValueGreaterThan(1));
      assertThat(defaultTierOf(holder)).isEqualTo("large");
    }
  }

  /** Issue 18 #8: gearbox_policies_stale stayed 0 after the last policy file was deleted. */
  @Test
  void deletingTheLastPolicyKeepsItAndReportsItStale() throws Exception {
    Files.writeString(dir.resolve("tiers.yaml"), TIERS);
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, policy(""));
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    PolicyFiles files = new PolicyFiles(dir, "team", Classifiers.unavailable(), new SessionStores());
    holder.apply(files.load(holder.get()));
    assertThat(holder.keepsLastGood()).isFalse();

    Files.delete(policy);
    holder.apply(files.load(holder.get()));

    assertThat(holder.keepsLastGood()).isTrue();
    assertThat(defaultTierOf(holder)).isEqualTo("medium");

    PolicyFiles single = new PolicyFiles(policy, "team", Classifiers.unavailable(), new SessionStores());
    SnapshotHolder fromFile = new SnapshotHolder(() -> { });
    Files.writeString(policy, TIERS + "---\n" + policy(""));
    fromFile.apply(single.load(fromFile.get()));
    Files.delete(policy);
    fromFile.apply(single.load(fromFile.get()));
    assertThat(fromFile.keepsLastGood()).as("a --policy FILE that is deleted").isTrue();
  }
}
