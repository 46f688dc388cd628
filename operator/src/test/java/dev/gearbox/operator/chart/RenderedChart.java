package dev.gearbox.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.gearbox.operator.MockCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The chart rendered by real Helm (helm-java), split into typed objects. */
public record RenderedChart(List<HasMetadata> objects) {
  static final Path CHART = MockCluster.REPOSITORY.resolve("charts/gearbox");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  public static RenderedChart render(Map<String, Object> values) {
    return render(command -> {
      values.forEach(command::set);
      return command;
    });
  }

  static RenderedChart render(UnaryOperator<TemplateCommand> options) {
    String yaml = options.apply(new Helm(CHART).template().withName("gb").withNamespace("gearbox-system").skipCrds())
        .call();
    if (yaml == null) { // helm-java answers null when nothing renders
      return new RenderedChart(List.of());
    }
    List<HasMetadata> objects = Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
        .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(doc))
        .toList();
    return new RenderedChart(objects);
  }

  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + kinds()));
  }

  List<String> kinds() {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }
}
