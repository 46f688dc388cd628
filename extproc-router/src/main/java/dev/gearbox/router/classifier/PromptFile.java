package dev.gearbox.router.classifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads prompts from JSONL: one object a line with a {@code prompt} string and, optionally, a {@code tier} label
 * (a 1-based number or a tier name) and a {@code source}. Malformed lines are reported with their line number and
 * skipped; blank lines are ignored.
 */
public final class PromptFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param tier the label as written: "2" for a number, the name for a string, or null when unlabelled
   */
  public record Prompt(int line, String text, String tier, String source) {
  }

  /** A line that is not a prompt, and why. */
  public record Malformed(String file, int line, String message) {

    @Override
    public String toString() {
      return file + " line " + line + ": " + message;
    }
  }

  public record Read(List<Prompt> prompts, List<Malformed> malformed) {

    /** Each malformed line as "file line N: why". */
    public List<String> errors() {
      return malformed.stream().map(Malformed::toString).toList();
    }
  }

  private PromptFile() {
  }

  public static Read read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.getFileName().toString(), in);
    }
  }

  /** @param name the file's name in messages */
  public static Read read(String name, byte[] jsonl) throws IOException {
    try (BufferedReader in = new BufferedReader(new StringReader(new String(jsonl, StandardCharsets.UTF_8)))) {
      return read(name, in);
    }
  }

  private static Read read(String name, BufferedReader in) throws IOException {
    List<Prompt> prompts = new ArrayList<>();
    List<Malformed> errors = new ArrayList<>();
    String line;
    int number = 0;
    while ((line = in.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        prompts.add(parse(number, line));
      } catch (IllegalArgumentException e) {
        errors.add(new Malformed(name, number, e.getMessage()));
      }
    }
    return new Read(List.copyOf(prompts), List.copyOf(errors));
  }

  static Prompt parse(int number, String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode prompt = node.get("prompt");
    if (prompt == null || !prompt.isTextual() || prompt.asText().isEmpty()) {
      throw new IllegalArgumentException("no non-empty \"prompt\" string");
    }
    JsonNode tier = node.get("tier");
    String label = null;
    if (tier != null && !tier.isNull()) {
      if (tier.isInt() && tier.asInt() >= 1) {
        label = Integer.toString(tier.asInt());
      } else if (tier.isTextual() && !tier.asText().isBlank()) {
        label = tier.asText();
      } else {
        throw new IllegalArgumentException("\"tier\" must be a positive integer or a tier name");
      }
    }
    JsonNode source = node.get("source");
    return new Prompt(number, prompt.asText(), label,
        source != null && source.isTextual() ? source.asText() : null);
  }
}
