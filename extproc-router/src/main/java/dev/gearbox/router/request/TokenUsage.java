package dev.gearbox.router.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Tokens one response used, as the tier reported them in the body's top-level {@code usage}: chat completions and
 * completions say {@code prompt_tokens} / {@code completion_tokens}, the Responses API {@code input_tokens} /
 * {@code output_tokens}.
 */
public record TokenUsage(long input, long output) {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * The usage a JSON response body reports; empty when it reports none or is not one whole JSON object (a body cut
   * short, an error page). Everything but {@code usage} is skipped unparsed.
   */
  public static Optional<TokenUsage> read(byte[] body) {
    return read(new ByteArrayInputStream(body));
  }

  /** As {@link #read(byte[])}, from a stream (a protobuf body, read without copying it first). */
  public static Optional<TokenUsage> read(InputStream body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      TokenUsage usage = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("usage") && p.currentToken() == JsonToken.START_OBJECT) {
          usage = readUsage(p);
        } else {
          p.skipChildren();
        }
      }
      boolean whole = p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
      return whole ? Optional.ofNullable(usage) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Both counts, or null when either is missing or not a non-negative integer. */
  private static TokenUsage readUsage(JsonParser p) throws IOException {
    long input = -1;
    long output = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "prompt_tokens", "input_tokens" -> input = count(p);
        case "completion_tokens", "output_tokens" -> output = count(p);
        default -> p.skipChildren();
      }
    }
    return input >= 0 && output >= 0 ? new TokenUsage(input, output) : null;
  }

  private static long count(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
        ? p.getLongValue() : -1;
  }
}
