package dev.gearbox.router.policy;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.router.routing.Classifiers;
import dev.gearbox.router.routing.PolicyCompiler;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.SnapshotBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles policy files (the same ModelTier and RoutingPolicy YAML a cluster holds) into a snapshot. Tiers defined
 * in files have no status and count as ready.
 */
public final class PolicyFiles {
  private final Path path;
  private final ResourceFiles files;
  private final SnapshotBuilder builder;

  public PolicyFiles(Path path, String namespace, Classifiers classifiers, SessionStores sessions) {
    this.path = path;
    this.files = new ResourceFiles(namespace);
    this.builder = new SnapshotBuilder(new PolicyCompiler(classifiers, sessions, true));
  }

  public Path path() {
    return path;
  }

  /**
   * Reads and compiles the files. Unreadable or invalid files make the whole load fail (errors, previous snapshot
   * returned), so a half-edited directory never replaces a working policy.
   */
  public SnapshotBuilder.Result load(PolicySnapshot previous) {
    ResourceFiles.Loaded loaded = files.load(path);
    if (!loaded.ok()) {
      return new SnapshotBuilder.Result(previous, loaded.errors());
    }
    if (loaded.policies().isEmpty()) {
      return new SnapshotBuilder.Result(previous, List.of(path + ": no RoutingPolicy found"));
    }
    SnapshotBuilder.Result result = builder.build(previous, loaded.policies(), loaded.tiers());
    List<String> errors = new ArrayList<>(result.errors());
    return new SnapshotBuilder.Result(result.snapshot(), errors);
  }
}
