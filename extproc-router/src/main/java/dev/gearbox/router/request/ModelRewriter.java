package dev.gearbox.router.request;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.nio.charset.StandardCharsets;

/** Replaces (or inserts) the body's top-level {@code model} value, leaving every other byte as it was. */
public final class ModelRewriter {

  private ModelRewriter() {
  }

  public static byte[] rewrite(byte[] body, ParsedBody parsed, String model) {
    byte[] quoted = quote(model);
    if (parsed.modelStart() >= 0) {
      return splice(body, parsed.modelStart(), parsed.modelEnd(), quoted);
    }
    // No model field: insert one right after the opening brace.
    byte[] prefix = "\"model\":".getBytes(StandardCharsets.UTF_8);
    boolean empty = isEmptyObject(body, parsed.objectStart());
    byte[] insert = new byte[prefix.length + quoted.length + (empty ? 0 : 1)];
    System.arraycopy(prefix, 0, insert, 0, prefix.length);
    System.arraycopy(quoted, 0, insert, prefix.length, quoted.length);
    if (!empty) {
      insert[insert.length - 1] = ',';
    }
    int at = parsed.objectStart() + 1;
    return splice(body, at, at, insert);
  }

  private static byte[] quote(String value) {
    byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
    byte[] quoted = new byte[escaped.length + 2];
    quoted[0] = '"';
    System.arraycopy(escaped, 0, quoted, 1, escaped.length);
    quoted[quoted.length - 1] = '"';
    return quoted;
  }

  private static byte[] splice(byte[] body, int from, int to, byte[] replacement) {
    byte[] out = new byte[body.length - (to - from) + replacement.length];
    System.arraycopy(body, 0, out, 0, from);
    System.arraycopy(replacement, 0, out, from, replacement.length);
    System.arraycopy(body, to, out, from + replacement.length, body.length - to);
    return out;
  }

  private static boolean isEmptyObject(byte[] body, int objectStart) {
    for (int i = objectStart + 1; i < body.length; i++) {
      if (!Character.isWhitespace(body[i])) {
        return body[i] == '}';
      }
    }
    return true;
  }
}
