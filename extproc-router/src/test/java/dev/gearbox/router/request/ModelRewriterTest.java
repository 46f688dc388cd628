package dev.gearbox.router.request;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRewriterTest {

  private static String rewrite(String json, String model) throws MalformedRequestException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return new String(ModelRewriter.rewrite(body, BodyParser.parse(body), model), StandardCharsets.UTF_8);
  }

  @Test
  void replacesOnlyTheModelValue() throws Exception {
    String json = "{\n  \"temperature\": 0.70,\n  \"model\":   \"auto\" ,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"caf\u00e9 \\u00e9 \\\"q\\\"\"}], \"n\": 1e2}";

    assertThat(rewrite(json, "Qwen/Qwen2.5-1.5B-Instruct"))
        .isEqualTo(json.replace("\"auto\"", "\"Qwen/Qwen2.5-1.5B-Instruct\""));
  }

  @Test
  void escapesTheNewModelName() throws Exception {
    assertThat(rewrite("{\"model\":\"auto\"}", "we\"ird\\name")).isEqualTo("{\"model\":\"we\\\"ird\\\\name\"}");
  }

  @Test
  void insertsAModelWhenTheBodyHasNone() throws Exception {
    assertThat(rewrite("{ \"messages\": []}", "m")).isEqualTo("{\"model\":\"m\", \"messages\": []}");
    assertThat(rewrite("{ }", "m")).isEqualTo("{\"model\":\"m\" }");
  }
}
