package dev.gearbox.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's examples/ directory, found from the module directory the tests run in. */
final class Examples {
  static final Path ROOT = Path.of("..", "examples").toAbsolutePath().normalize();

  private Examples() {
  }

  static List<Path> yamlFiles() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .filter(f -> !f.toString().contains("/envoy/") && !f.endsWith("envoy.yaml")) // Envoy configs: the router's tests
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
