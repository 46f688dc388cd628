package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.DataReference;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the data a policy names beside its spec (estimator weights, a calibration sample): files in file mode,
 * ConfigMap keys in cluster mode. What it returns is already un-gzipped.
 */
@FunctionalInterface
public interface PolicyData {
  /** Larger data is refused, gzipped or not: a policy must not be able to exhaust the router's heap. */
  int MAX_BYTES = 32 * 1024 * 1024;

  /** @param namespace the policy's namespace */
  byte[] read(String namespace, DataReference reference) throws IOException;

  /** The data of one policy's namespace. */
  @FunctionalInterface
  interface Bound {
    byte[] read(DataReference reference) throws IOException;
  }

  default Bound in(String namespace) {
    return reference -> read(namespace, reference);
  }

  /** For tools and tests that read no data: any reference is an error that says so. */
  static PolicyData none() {
    return (namespace, reference) -> {
      throw new IOException("cannot read " + reference + " here: policy data needs the router's file or cluster "
          + "mode");
    };
  }

  /** The bytes as they are, or un-gzipped when they start with gzip's magic number; at most {@link #MAX_BYTES}. */
  static byte[] decoded(byte[] raw) throws IOException {
    if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
      return raw;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      byte[] out = in.readNBytes(MAX_BYTES + 1);
      if (out.length > MAX_BYTES) {
        throw new IOException("more than " + MAX_BYTES + " bytes once un-gzipped");
      }
      return out;
    }
  }
}
