package dev.gearbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.api.io.CrdSchemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated CRDs carry what kubectl users rely on. */
class CrdTest {

  @ParameterizedTest
  @CsvSource({
      "ModelTier, mt, Model;Rank;GPUs;Ready;Age",
      "RoutingPolicy, rp, Tiers;Default;Mode;Ready;Top-Share;Age"})
  void namesColumnsAndStatus(String kind, String shortName, String columns) {
    JsonNode crd = CrdSchemas.crd(kind);

    assertThat(crd.at("/spec/group").asText()).isEqualTo("gearbox.dev");
    assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
    assertThat(crd.at("/spec/names/shortNames/0").asText()).isEqualTo(shortName);
    JsonNode version = crd.at("/spec/versions/0");
    assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
    assertThat(version.at("/subresources/status").isObject()).isTrue();
    List<String> printed = new ArrayList<>();
    version.path("additionalPrinterColumns").forEach(c -> printed.add(c.path("name").asText()));
    assertThat(printed).containsExactlyInAnyOrder(columns.split(";"));
  }

  @ParameterizedTest
  @CsvSource({"ModelTier", "RoutingPolicy", "ShareReport"})
  void everyOwnFieldIsDocumented(String kind) {
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(CrdSchemas.openApiSchema(kind).at("/properties/spec"), "spec", undocumented);
    collectUndocumented(CrdSchemas.openApiSchema(kind).at("/properties/status"), "status", undocumented);

    assertThat(undocumented).isEmpty();
  }

  /** Kubernetes' own embedded types (env, tolerations, conditions) carry no descriptions; ours must. */
  private static void collectUndocumented(JsonNode schema, String path, List<String> undocumented) {
    schema.path("properties").fields().forEachRemaining(field -> {
      String child = path + "." + field.getKey();
      if (child.endsWith(".env") || child.endsWith(".tolerations") || child.endsWith(".conditions")) {
        return;
      }
      if (!field.getValue().has("description")) {
        undocumented.add(child);
      }
      collectUndocumented(field.getValue(), child, undocumented);
      collectUndocumented(field.getValue().path("items"), child + "[]", undocumented);
    });
  }
}
