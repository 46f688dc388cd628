package dev.gearbox.router.routing;

import com.google.common.net.MediaType;

import java.util.Locale;

/**
 * What a message's headers must look like for its JSON body to be readable (a request, and the answer whose usage
 * the router meters), and the path as the tier will see it.
 */
public final class RequestShape {
  private RequestShape() {
  }

  /** application/json or application/*+json, any parameters; not merely a type that mentions "json". */
  public static boolean json(String contentType) {
    try {
      MediaType type = MediaType.parse(contentType);
      return type.type().equals("application")
          && (type.subtype().equals("json") || type.subtype().endsWith("+json"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** No content-encoding, or identity: a compressed body would otherwise be counted as malformed JSON. */
  public static boolean identityEncoding(String contentEncoding) {
    return contentEncoding == null || contentEncoding.isBlank()
        || contentEncoding.trim().toLowerCase(Locale.ROOT).equals("identity");
  }

  /** The declared content-length, or -1 when there is none or it is not a number. */
  public static long declaredLength(String contentLength) {
    try {
      return contentLength == null ? -1 : Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The path without query or fragment, with repeated and trailing slashes, dot segments and percent-encoded
   * unreserved characters folded, as most servers resolve it: {@code //v1/chat/completions/} and
   * {@code /v1/./chat/%63ompletions} are the chat endpoint to a tier, so they are to the router too.
   */
  static String normalisedPath(String rawPath) {
    String path = rawPath;
    int end = indexOfAny(path, "?#");
    if (end >= 0) {
      path = path.substring(0, end);
    }
    path = decodeUnreserved(path);
    StringBuilder out = new StringBuilder(path.length());
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(slash, 0));
        continue;
      }
      out.append('/').append(segment);
    }
    return out.isEmpty() ? "/" : out.toString();
  }

  private static int indexOfAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** %XX of letters, digits and {@code -._~} decoded (RFC 3986 says they are the same path); others kept. */
  private static String decodeUnreserved(String path) {
    if (path.indexOf('%') < 0) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      int high = i + 2 < path.length() && c == '%' ? Character.digit(path.charAt(i + 1), 16) : -1;
      int low = high >= 0 ? Character.digit(path.charAt(i + 2), 16) : -1;
      char decoded = (char) (high * 16 + low);
      if (low >= 0 && decoded < 128 && (Character.isLetterOrDigit(decoded) || "-._~".indexOf(decoded) >= 0)) {
        out.append(decoded);
        i += 2;
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }
}
