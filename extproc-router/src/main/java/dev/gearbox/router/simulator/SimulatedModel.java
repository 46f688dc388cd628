package dev.gearbox.router.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated model answers to an OpenAI chat completion: a canned or echoed reply, split into words for
 * streaming, with usage counted in whitespace-separated words (a stand-in for tokens). Pure.
 */
public final class SimulatedModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ECHO_CHARS = 200;

  private final String model;
  private final String fixedReply;

  /** @param fixedReply the reply to every request, or null to echo the last user message */
  public SimulatedModel(String model, String fixedReply) {
    this.model = model;
    this.fixedReply = fixedReply;
  }

  public String model() {
    return model;
  }

  /** A reply: its words (the stream's chunks) and the usage counts. */
  public record Reply(List<String> pieces, int promptTokens, int completionTokens) {
    public String text() {
      return String.join("", pieces);
    }
  }

  /** @throws IllegalArgumentException for a request a server would answer 400 or 404, with the reason */
  public Reply answer(JsonNode request) {
    if (!request.path("messages").isArray() || request.path("messages").isEmpty()) {
      throw new IllegalArgumentException("messages: a non-empty list is required");
    }
    String asked = request.path("model").asText("");
    if (!asked.equals(model)) {
      throw new ModelNotServed("The model `" + asked + "` does not exist; this server serves `" + model + "`.");
    }
    int prompt = 0;
    String lastUser = "";
    for (JsonNode message : request.path("messages")) {
      String content = message.path("content").asText("");
      prompt += words(content);
      if ("user".equals(message.path("role").asText())) {
        lastUser = content;
      }
    }
    String text = fixedReply != null ? fixedReply : "[" + model + "] You asked: "
        + (lastUser.length() > ECHO_CHARS ? lastUser.substring(0, ECHO_CHARS) + "..." : lastUser);
    List<String> pieces = pieces(text);
    return new Reply(pieces, prompt, pieces.size());
  }

  /** A request naming another model, answered 404 as vLLM does. */
  public static final class ModelNotServed extends IllegalArgumentException {
    ModelNotServed(String message) {
      super(message);
    }
  }

  public ObjectNode completion(String id, long created, Reply reply) {
    ObjectNode body = envelope(id, created, "chat.completion");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", reply.text());
    choice.put("finish_reason", "stop");
    body.set("usage", usage(reply));
    return body;
  }

  /** One streamed piece; the last one carries the finish reason and no text. */
  public ObjectNode chunk(String id, long created, String piece, boolean last) {
    ObjectNode body = envelope(id, created, "chat.completion.chunk");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode delta = choice.putObject("delta");
    if (piece != null) {
      delta.put("content", piece);
    }
    if (last) {
      choice.put("finish_reason", "stop");
    } else {
      choice.putNull("finish_reason");
    }
    return body;
  }

  /** The usage chunk sent after the last piece when the request asks for it (stream_options.include_usage). */
  public ObjectNode usageChunk(String id, long created, Reply reply) {
    ObjectNode body = envelope(id, created, "chat.completion.chunk");
    body.putArray("choices");
    body.set("usage", usage(reply));
    return body;
  }

  public static ObjectNode error(String message, String type, int code) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", type).put("code", code);
    return body;
  }

  private ObjectNode envelope(String id, long created, String object) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", id).put("object", object).put("created", created).put("model", model);
    return body;
  }

  private static ObjectNode usage(Reply reply) {
    ObjectNode usage = JSON.createObjectNode();
    usage.put("prompt_tokens", reply.promptTokens());
    usage.put("completion_tokens", reply.completionTokens());
    usage.put("total_tokens", reply.promptTokens() + reply.completionTokens());
    return usage;
  }

  /** The words of a text, each with the space that follows it, so joined they are the text again. */
  static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i)))) {
        if (i > start) {
          pieces.add(text.substring(start, i));
        }
        start = i;
      }
    }
    return pieces;
  }

  private static int words(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
  }
}
