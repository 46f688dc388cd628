package dev.gearbox.router.replay;

import dev.gearbox.router.classifier.PromptFile;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionLogTest {

  @Test
  void oneJsonLinePerInputLineInInputOrder() throws Exception {
    StringWriter out = new StringWriter();
    DecisionLog.write(List.of(
            new DecisionLog.Line(1, "small", "complexity", 0.12, null),
            new DecisionLog.Line(3, "large", "rule:code", null, null)),
        List.of(new PromptFile.Malformed("p.jsonl", 2, "not valid JSON")), out);

    assertThat(out.toString().lines()).containsExactly(
        "{\"line\":1,\"tier\":\"small\",\"decidedBy\":\"complexity\",\"score\":0.12,\"error\":null}",
        "{\"line\":2,\"tier\":null,\"decidedBy\":null,\"score\":null,\"error\":\"not valid JSON\"}",
        "{\"line\":3,\"tier\":\"large\",\"decidedBy\":\"rule:code\",\"score\":null,\"error\":null}");
  }
}
