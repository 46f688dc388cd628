package dev.gearbox.router.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** examples/quickstart, copied into the jar by the build: the policy offline commands use when given none. */
public final class BundledPolicy {
  /** What error messages and logs call it. */
  public static final String NAME = "bundled:quickstart";
  /** The quickstart's files; a test keeps the list equal to the directory. */
  static final List<String> FILES = List.of("small.yaml", "medium.yaml", "frontier.yaml", "routing-policy.yaml");
  private static final String DIRECTORY = "dev/gearbox/router/quickstart/";

  private BundledPolicy() {
  }

  /** The files' texts by the name errors report them under. */
  public static Map<String, String> texts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String file : FILES) {
      try (InputStream in = BundledPolicy.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
        if (in == null) {
          throw new IllegalStateException(DIRECTORY + file + " is missing from the jar; rebuild extproc-router");
        }
        texts.put(NAME + "/" + file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return texts;
  }
}
