package dev.gearbox.router.request;

import java.util.List;

/**
 * What the router reads from an OpenAI-style body, and where the {@code model} value sits so it can be replaced
 * without touching any other byte.
 *
 * @param model          the requested model, or null when the body has none
 * @param modelStart     byte offset of the model value's opening quote, or -1
 * @param modelEnd       byte offset just past its closing quote, or -1
 * @param objectStart    byte offset of the body's opening brace (where a missing model is inserted)
 * @param messages       conversation turns; a completions prompt or responses input becomes user messages
 * @param maxOutputTokens max_tokens / max_completion_tokens / max_output_tokens, or null
 */
public record ParsedBody(String model, int modelStart, int modelEnd, int objectStart, List<Message> messages,
    Integer maxOutputTokens) {
}
