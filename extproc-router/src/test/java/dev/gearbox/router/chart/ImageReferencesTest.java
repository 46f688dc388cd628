package dev.gearbox.router.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's default images are the ones the build's Jib configuration pushes, tagged with the chart's appVersion. */
class ImageReferencesTest {
  private static final Path ROOT = Path.of("..");

  private static String xpath(Path pom, String expression) throws Exception {
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    return XPathFactory.newInstance().newXPath().evaluate(expression, document).strip();
  }

  private static String image(List<HasMetadata> objects, String deployment) {
    return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .filter(d -> d.getMetadata().getName().equals(deployment)).findFirst().orElseThrow()
        .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  @Test
  void theChartRunsTheImagesTheBuildPushes() throws Exception {
    String registry = xpath(ROOT.resolve("pom.xml"), "/project/properties/*[local-name()='image.registry']");
    String appVersion = Files.readAllLines(ROOT.resolve("charts/gearbox/Chart.yaml")).stream()
        .filter(l -> l.startsWith("appVersion:")).findFirst().orElseThrow()
        .replaceAll("appVersion:\\s*\"?([^\"]*)\"?", "$1");
    List<HasMetadata> objects = RouterChartTest.render(Map.of());

    for (String module : List.of("operator", "extproc-router")) {
      Path pom = ROOT.resolve(module).resolve("pom.xml");
      assertThat(xpath(pom, "/project/properties/*[local-name()='jib.skip']")).as(module + " builds an image")
          .isEqualTo("false");
      String artifact = xpath(pom, "/project/artifactId");
      String deployment = "gb-" + artifact;
      assertThat(image(objects, deployment)).isEqualTo(registry + "/" + artifact + ":" + appVersion);
    }
  }
}
