package dev.gearbox.router.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyParserTest {

  private static ParsedBody parse(String json) throws MalformedRequestException {
    return BodyParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsChatMessagesWithStringAndPartContent() throws Exception {
    ParsedBody body = parse("""
        {"model": "auto", "stream": true, "tools": [{"type": "function", "function": {"name": "f"}}],
         "messages": [
           {"role": "system", "content": "be brief"},
           {"role": "user", "content": [{"type": "text", "text": "look at"}, {"type": "image_url",
             "image_url": {"url": "http://x"}}, {"type": "text", "text": "this"}]},
           {"role": "assistant", "content": null, "tool_calls": []}
         ], "max_tokens": 300}""");

    assertThat(body.model()).isEqualTo("auto");
    assertThat(body.messages()).extracting(Message::role).containsExactly("system", "user", "assistant");
    assertThat(body.messages().get(1).text()).isEqualTo("look at\nthis");
    assertThat(body.maxOutputTokens()).isEqualTo(300);
  }

  @Test
  void readsCompletionsPromptAndResponsesInput() throws Exception {
    assertThat(parse("{\"model\":\"auto\",\"prompt\":[\"a\",\"b\"]}").messages())
        .containsExactly(new Message("user", "a\nb"));
    ParsedBody responses = parse("""
        {"model":"auto","instructions":"be kind","input":[{"role":"user","content":[{"type":"input_text","text":"hi"}]}],
         "max_output_tokens": 50}""");
    assertThat(responses.messages()).containsExactly(new Message("system", "be kind"), new Message("user", "hi"));
    assertThat(responses.maxOutputTokens()).isEqualTo(50);
    assertThat(parse("{\"input\":\"plain\"}").messages()).containsExactly(new Message("user", "plain"));
  }

  @Test
  void locatesTheModelValueBytes() throws Exception {
    String json = "{ \"model\" : \"a\\\"b\" , \"x\": 1}";
    ParsedBody body = parse(json);

    assertThat(body.model()).isEqualTo("a\"b");
    assertThat(json.substring(body.modelStart(), body.modelEnd())).isEqualTo("\"a\\\"b\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                                   | empty",
      "[1, 2]                               | must be a JSON object",
      "{\"model\": \"auto\", \"messages\": [ | malformed JSON",
      "{\"model\": 7}                       | \"model\" must be a string",
      "{\"messages\": {\"role\": \"user\"}} | \"messages\" must be an array",
      "{\"messages\": [{\"content\": 5}]}   | content must be a string or an array",
      "{\"model\": \"a\"} {\"model\": \"b\"}| not a single JSON object"})
  void rejectsWhatItCannotRead(String json, String message) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedRequestException.class).hasMessageContaining(message);
  }

  /** Issue 18 #7: a rewrite spliced UTF-8 into these; JSON between systems is UTF-8 (RFC 8259). */
  @ParameterizedTest
  @CsvSource({"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"})
  void otherEncodingsThanUtf8AreRefusedByName(String charset) {
    byte[] body = "{\"model\":\"auto\"}".getBytes(java.nio.charset.Charset.forName(charset));

    assertThatThrownBy(() -> BodyParser.parse(body)).isInstanceOf(MalformedRequestException.class)
        .hasMessageContaining("UTF-8")
        .satisfies(e -> assertThat(((MalformedRequestException) e).reason()).isEqualTo("unsupported_encoding"));
  }

  /** Issue 18 #7: only the last "model" was rewritten, and a tier that reads the first saw "auto". */
  @Test
  void aDuplicateModelIsRefused() {
    assertThatThrownBy(() -> parse("{\"model\":\"auto\",\"model\":\"gpt-4o\"}"))
        .isInstanceOf(MalformedRequestException.class).hasMessageContaining("more than once")
        .satisfies(e -> assertThat(((MalformedRequestException) e).reason()).isEqualTo("duplicate_model"));
  }

  /** Issue 18 #7: valid JSON nested deeper than 64, or max_tokens beyond an int, was rejected as malformed. */
  @Test
  void deepNestingAndHugeMaxTokensAreValid() throws Exception {
    String deep = "[".repeat(500) + "]".repeat(500);
    ParsedBody body = parse("{\"model\":\"auto\",\"tools\":" + deep + ",\"max_tokens\":" + (1L << 40) + "}");

    assertThat(body.model()).isEqualTo("auto");
    assertThat(body.maxOutputTokens()).isEqualTo(Integer.MAX_VALUE);
    assertThat(parse("{\"max_tokens\": 123456789012345678901234567890}").maxOutputTokens())
        .isEqualTo(Integer.MAX_VALUE);
  }
}
