package dev.gearbox.router.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TokenUsageTest {
  private static Optional<TokenUsage> read(String json) {
    return TokenUsage.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsChatCompletionsUsageAfterTheChoices() {
    assertThat(read("""
        {"id":"c1","choices":[{"message":{"role":"assistant","content":"{\\"usage\\":1}"},
         "usage":{"prompt_tokens":999,"completion_tokens":999}}],
         "usage":{"prompt_tokens":12,"completion_tokens":34,"total_tokens":46,
                  "prompt_tokens_details":{"cached_tokens":0}}}"""))
        .as("only the top-level usage counts").contains(new TokenUsage(12, 34));
  }

  @Test
  void readsTheResponsesApiNames() {
    assertThat(read("{\"usage\":{\"input_tokens\":7,\"output_tokens\":3,\"output_tokens_details\":{}},\"output\":[]}"))
        .contains(new TokenUsage(7, 3));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"choices\":[]}", // no usage
      "{\"usage\":null}",
      "{\"usage\":{\"prompt_tokens\":12}}", // half of it
      "{\"usage\":{\"prompt_tokens\":-1,\"completion_tokens\":3}}",
      "{\"usage\":{\"prompt_tokens\":1.5,\"completion_tokens\":3}}",
      "{\"usage\":{\"prompt_tokens\":\"12\",\"completion_tokens\":3}}",
      "{\"usage\":{\"prompt_tokens\":99999999999999999999999,\"completion_tokens\":3}}",
      "{\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}", // cut at Envoy's buffer limit
      "{\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}} {}",
      "[{\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}]",
      "<html>502 Bad Gateway</html>",
      ""})
  void reportsNothingForAnythingElse(String body) {
    assertThat(read(body)).isEmpty();
  }
}
