package dev.gearbox.router.routing;

import java.util.Locale;

/**
 * A text lower-cased once per request and scope, shared by every keyword rule. Finding a keyword is a scan of the
 * text ({@link String#indexOf} is vectorised): for the handful of keywords a policy has, that is several times
 * cheaper than splitting the text into a set of words first, which allocates a string per word.
 */
final class LowerCaseText {
  private final String lower;

  LowerCaseText(String text) {
    this.lower = text.toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the (lower-case) keyword occurs between word boundaries: "sql" matches "SQL?" but not "sqlite". A
   * boundary is only required where the keyword itself starts or ends with a word character.
   */
  boolean containsKeyword(String keyword) {
    if (keyword.isEmpty()) {
      return false;
    }
    boolean wordStart = isWordChar(keyword.charAt(0));
    boolean wordEnd = isWordChar(keyword.charAt(keyword.length() - 1));
    for (int at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
      int end = at + keyword.length();
      boolean startsClean = !wordStart || at == 0 || !isWordChar(lower.charAt(at - 1));
      boolean endsClean = !wordEnd || end == lower.length() || !isWordChar(lower.charAt(end));
      if (startsClean && endsClean) {
        return true;
      }
    }
    return false;
  }

  /** Letters, digits and the underscore. */
  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
