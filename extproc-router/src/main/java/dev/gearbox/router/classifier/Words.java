package dev.gearbox.router.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a normalised prompt (runs of letters, digits, '_' and '\'') and its adjacent word pairs, split once
 * for every feature that reads them. Pure.
 *
 * @param pairs {@code pairs.get(i)} is {@code words.get(i) + " " + words.get(i + 1)}
 */
public record Words(List<String> words, List<String> pairs) {

  public static Words of(String normalized) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= normalized.length(); i++) {
      boolean inWord = i < normalized.length() && isWordChar(normalized.charAt(i));
      if (inWord && start < 0) {
        start = i;
      } else if (!inWord && start >= 0) {
        words.add(normalized.substring(start, i));
        start = -1;
      }
    }
    List<String> pairs = new ArrayList<>(Math.max(0, words.size() - 1));
    for (int i = 1; i < words.size(); i++) {
      pairs.add(words.get(i - 1) + ' ' + words.get(i));
    }
    return new Words(words, pairs);
  }

  public int size() {
    return words.size();
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '\'';
  }
}
