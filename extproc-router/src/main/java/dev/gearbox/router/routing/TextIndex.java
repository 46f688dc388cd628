package dev.gearbox.router.routing;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A text lower-cased once with the set of its words, so keyword rules cost a hash lookup per keyword instead of a
 * scan of the text per rule. Words are runs of letters, digits and underscores.
 */
final class TextIndex {
  private final String lower;
  private final Set<String> words = new HashSet<>();

  TextIndex(String text) {
    this.lower = text.toLowerCase(Locale.ROOT);
    int start = -1;
    for (int i = 0; i <= lower.length(); i++) {
      boolean wordChar = i < lower.length() && isWordChar(lower.charAt(i));
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        words.add(lower.substring(start, i));
        start = -1;
      }
    }
  }

  /** Whether the (lower-case) keyword occurs as a whole word or, for a phrase, between word boundaries. */
  boolean contains(String keyword) {
    if (isSingleWord(keyword)) {
      return words.contains(keyword);
    }
    for (int at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
      boolean startsClean = at == 0 || !isWordChar(lower.charAt(at - 1))
          || !isWordChar(keyword.charAt(0));
      int end = at + keyword.length();
      boolean endsClean = end == lower.length() || !isWordChar(lower.charAt(end))
          || !isWordChar(keyword.charAt(keyword.length() - 1));
      if (startsClean && endsClean) {
        return true;
      }
    }
    return false;
  }

  static boolean isSingleWord(String keyword) {
    if (keyword.isEmpty()) {
      return false;
    }
    for (int i = 0; i < keyword.length(); i++) {
      if (!isWordChar(keyword.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
