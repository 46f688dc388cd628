package dev.gearbox.router.policy;

import dev.gearbox.api.io.ResourceFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar carries examples/quickstart as it is, so route works from any directory. */
class BundledPolicyTest {
  @Test
  void bundlesEveryQuickstartFile() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("..", "examples", "quickstart"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")))
          .containsExactlyInAnyOrderElementsOf(BundledPolicy.FILES);
    }
  }

  @Test
  void loadsLikeTheDirectory() {
    ResourceFiles files = new ResourceFiles("default");
    ResourceFiles.Loaded bundled = files.loadTexts(BundledPolicy.texts());
    ResourceFiles.Loaded directory = files.load(Path.of("..", "examples", "quickstart"));

    assertThat(bundled.errors()).isEmpty();
    assertThat(bundled.tiers().stream().map(files::toTree)).containsExactlyInAnyOrderElementsOf(
        directory.tiers().stream().map(files::toTree).toList());
    assertThat(bundled.policies().stream().map(files::toTree)).containsExactlyElementsOf(
        directory.policies().stream().map(files::toTree).toList());
  }
}
