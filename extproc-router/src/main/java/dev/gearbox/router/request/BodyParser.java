package dev.gearbox.router.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams through an OpenAI-style JSON body (chat completions, completions, responses) reading only the fields a
 * decision needs and skipping the rest unparsed.
 */
public final class BodyParser {
  // Jackson's default limits (nesting 1000, numbers 1000 digits, strings 20 MB) bound the work; the parser streams,
  // so depth costs no stack.
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private BodyParser() {
  }

  public static ParsedBody parse(byte[] body) throws MalformedRequestException {
    if (body.length == 0) {
      throw new MalformedRequestException("empty_body", "the request body is empty; expected a JSON object");
    }
    if (!utf8(body)) {
      // Jackson would read UTF-16/32 too, but the model is rewritten as UTF-8 bytes in place.
      throw new MalformedRequestException("unsupported_encoding", "the request body must be UTF-8 JSON");
    }
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedRequestException("the request body must be a JSON object");
      }
      int objectStart = (int) p.currentTokenLocation().getByteOffset();
      String model = null;
      int modelStart = -1;
      int modelEnd = -1;
      Integer maxTokens = null;
      List<Message> messages = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "model" -> {
            if (value != JsonToken.VALUE_STRING) {
              throw new MalformedRequestException("\"model\" must be a string");
            }
            if (model != null) {
              // Parsers disagree on which of two keys wins; the router would rewrite one and the tier read the other.
              throw new MalformedRequestException("duplicate_model", "\"model\" appears more than once");
            }
            modelStart = (int) p.currentTokenLocation().getByteOffset();
            model = p.getText();
            modelEnd = endOfString(body, modelStart);
          }
          case "messages" -> readMessages(p, messages);
          case "input" -> readInput(p, messages);
          case "prompt" -> readPrompt(p, messages);
          case "instructions" -> messages.add(0, new Message("system", textOf(p)));
          case "max_tokens", "max_completion_tokens", "max_output_tokens" -> maxTokens = intOrNull(p);
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new MalformedRequestException("the request body is not a single JSON object");
      }
      return new ParsedBody(model, modelStart, modelEnd, objectStart, List.copyOf(messages), maxTokens);
    } catch (JsonParseException e) {
      throw new MalformedRequestException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedRequestException("unreadable JSON: " + e.getMessage());
    }
  }

  private static void readMessages(JsonParser p, List<Message> out) throws IOException, MalformedRequestException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new MalformedRequestException("\"messages\" must be an array");
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(readMessage(p));
    }
  }

  private static Message readMessage(JsonParser p) throws IOException, MalformedRequestException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new MalformedRequestException("each message must be an object");
    }
    String role = "user";
    String text = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("role")) {
        role = p.getValueAsString("user");
      } else if (field.equals("content")) {
        text = textOf(p);
      } else {
        p.skipChildren();
      }
    }
    return new Message(role, text);
  }

  /** Responses API input: a string, or a list of messages / content items. */
  private static void readInput(JsonParser p, List<Message> out) throws IOException, MalformedRequestException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      out.add(new Message("user", p.getText()));
      return;
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new MalformedRequestException("\"input\" must be a string or an array");
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        out.add(new Message("user", p.getText()));
      } else {
        out.add(readMessage(p));
      }
    }
  }

  /** Completions prompt: a string or a list of strings. */
  private static void readPrompt(JsonParser p, List<Message> out) throws IOException, MalformedRequestException {
    out.add(new Message("user", textOf(p)));
  }

  /** Text of a content value: a string, or an array of parts whose "text" fields are joined. */
  private static String textOf(JsonParser p) throws IOException, MalformedRequestException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return "";
    }
    if (token != JsonToken.START_ARRAY) {
      throw new MalformedRequestException("message content must be a string or an array of parts");
    }
    StringBuilder text = new StringBuilder();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        append(text, p.getText());
      } else if (p.currentToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("text") && p.currentToken() == JsonToken.VALUE_STRING) {
            append(text, p.getText());
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return text.toString();
  }

  private static void append(StringBuilder text, String part) {
    if (!text.isEmpty()) {
      text.append('\n');
    }
    text.append(part);
  }

  /** An integer token as an int, values beyond an int's range clamped to it (they are valid JSON). */
  private static Integer intOrNull(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      return null;
    }
    if (p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    return p.getBigIntegerValue().signum() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
  }

  /**
   * Not UTF-16 or UTF-32: a JSON text starts with an ASCII character, which those encodings pad with zero bytes, or
   * with their byte-order marks.
   */
  private static boolean utf8(byte[] body) {
    if (body.length >= 2 && (body[0] == 0 || body[1] == 0)) {
      return false;
    }
    return body.length < 2 || !((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
        || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE));
  }

  /** Offset just past the closing quote of the JSON string starting at {@code start}. */
  private static int endOfString(byte[] body, int start) {
    for (int i = start + 1; i < body.length; i++) {
      if (body[i] == '\\') {
        i++;
      } else if (body[i] == '"') {
        return i + 1;
      }
    }
    return body.length;
  }
}
