package dev.gearbox.api.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line of every field and list item in a YAML stream, per document, keyed by the paths the validators name
 * ({@code spec.rules[1].tier}), so an error can say where to look. Reads the same root values, in the same order,
 * as a Jackson {@code readValues} over the same text. Pure.
 */
public final class YamlLines {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  /** A document whose lines could not be read: every path is on line 0. */
  static final YamlLines UNKNOWN = new YamlLines(0, Map.of());

  private final int start;
  private final Map<String, Integer> lines;

  private YamlLines(int start, Map<String, Integer> lines) {
    this.start = start;
    this.lines = lines;
  }

  /**
   * One entry per document, as far as the text parses; a document that does not parse gets none (its error carries
   * its own line).
   */
  public static List<YamlLines> of(String text) {
    List<YamlLines> documents = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      while (parser.nextToken() != null) {
        Map<String, Integer> lines = new HashMap<>();
        int start = parser.currentTokenLocation().getLineNr();
        walk(parser, "", lines);
        documents.add(new YamlLines(start, lines));
      }
    } catch (IOException | RuntimeException e) {
      // the binder reports malformed YAML with its location
    }
    return documents;
  }

  /** The line of a path, or of its nearest ancestor that is in the file (a missing field: its parent). */
  public int lineOf(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return start;
  }

  /** Line of the document's first token. */
  public int start() {
    return start;
  }

  private static void walk(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String child = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
        lines.put(child, parser.currentTokenLocation().getLineNr());
        parser.nextToken();
        walk(parser, child, lines);
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        String child = path + "[" + index++ + "]";
        lines.put(child, parser.currentTokenLocation().getLineNr());
        walk(parser, child, lines);
      }
    }
  }
}
