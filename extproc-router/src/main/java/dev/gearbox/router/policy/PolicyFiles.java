package dev.gearbox.router.policy;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.PolicyCompiler;
import dev.gearbox.router.routing.PolicyData;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.SnapshotBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compiles policy files (the same ModelTier and RoutingPolicy YAML a cluster holds) into a snapshot. Tiers defined
 * in files have no status and count as ready.
 */
public final class PolicyFiles {
  private final Path path;
  private final ResourceFiles files;
  private final SnapshotBuilder builder;
  private volatile List<ModelTier> tiers = List.of();

  /** @param path a file or directory, or null for the {@link BundledPolicy} */
  public PolicyFiles(Path path, String namespace, Classifiers classifiers, SessionStores sessions) {
    this.path = path;
    this.files = new ResourceFiles(namespace);
    // the bundled quickstart names no weights or samples
    PolicyData data = path == null ? PolicyData.none() : new FilePolicyData(path);
    this.builder = new SnapshotBuilder(new PolicyCompiler(classifiers, sessions, true, data));
  }

  public Path path() {
    return path;
  }

  /** The ModelTiers of the last load that succeeded (what the xDS snapshot is built from in file mode). */
  public List<ModelTier> tiers() {
    return tiers;
  }

  /**
   * Reads and compiles the files. Unreadable or invalid files make the whole load fail (errors, previous snapshot
   * returned), so a half-edited directory never replaces a working policy.
   */
  public SnapshotBuilder.Result load(PolicySnapshot previous) {
    if (path != null && !Files.exists(path)) {
      return noPolicy(previous); // the policy file itself was deleted
    }
    ResourceFiles.Loaded loaded = path == null ? files.loadTexts(BundledPolicy.texts()) : files.load(path);
    if (!loaded.ok()) {
      return new SnapshotBuilder.Result(previous, loaded.errors());
    }
    tiers = List.copyOf(loaded.tiers());
    if (loaded.policies().isEmpty()) {
      return noPolicy(previous);
    }
    return builder.build(previous, loaded.policies(), loaded.tiers());
  }

  /**
   * The files define no policy (all deleted): an empty snapshot, which the {@link SnapshotHolder} refuses to swap
   * in, keeping the last good one and reporting it as stale (gearbox_policies_stale 1).
   */
  private static SnapshotBuilder.Result noPolicy(PolicySnapshot previous) {
    return new SnapshotBuilder.Result(new PolicySnapshot(List.of(), previous.version() + 1), List.of());
  }
}
