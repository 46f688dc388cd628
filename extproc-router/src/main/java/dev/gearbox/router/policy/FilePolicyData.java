package dev.gearbox.router.policy;

import dev.gearbox.api.v1alpha1.DataReference;
import dev.gearbox.router.routing.PolicyData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * File mode: a policy's weights and samples are files, relative to the policy directory (or the policy file's
 * directory). Files in that directory are watched like the policies, so saving new weights reloads them.
 */
public final class FilePolicyData implements PolicyData {
  private final Path base;

  /** @param policy the --policy directory or file */
  public FilePolicyData(Path policy) {
    this.base = Files.isDirectory(policy) ? policy : policy.toAbsolutePath().getParent();
  }

  @Override
  public byte[] read(String namespace, DataReference reference) throws IOException {
    if (reference.file() == null) {
      throw new IOException("names " + reference + ", but ConfigMaps are read in cluster mode only; in file mode "
          + "name a file");
    }
    Path file = base.resolve(reference.file());
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
      }
      return PolicyData.decoded(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IOException(file + " does not exist");
    }
  }
}
