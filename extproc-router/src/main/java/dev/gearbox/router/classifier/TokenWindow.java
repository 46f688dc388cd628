package dev.gearbox.router.classifier;

import java.util.Arrays;

/**
 * Cuts a token sequence to at most {@code maxTokens}, keeping its head and tail: the question usually sits at one
 * end of a long prompt (instructions first, or a pasted document followed by the ask). Pure.
 */
public final class TokenWindow {
  /**
   * Characters kept from each end of a long text before it is tokenized, per token of the window: generous, since a
   * WordPiece token spans at most one word of up to 100 characters and usually a few, so the window's tokens are
   * the same as those of the whole text, while tokenizing a long prompt no longer costs milliseconds.
   */
  static final int CHARS_PER_TOKEN = 32;

  private TokenWindow() {
  }

  /** {@code text} itself when short, else its head and tail with enough characters for a {@code maxTokens} window. */
  public static String chars(String text, int maxTokens) {
    return headAndTail(text, maxTokens * CHARS_PER_TOKEN / 2);
  }

  /** {@code text} itself when it has at most {@code 2 * keep} characters, else its first and last {@code keep}. */
  static String headAndTail(String text, int keep) {
    if (text.length() <= 2 * keep) {
      return text;
    }
    return text.substring(0, keep) + ' ' + text.substring(text.length() - keep);
  }

  /**
   * @param ids       token ids including the tokenizer's leading and trailing special tokens
   * @param maxTokens the window size, at least 4
   * @return {@code ids} itself when it fits, else its first ⌈max/2⌉ and last ⌊max/2⌋ tokens, so the special
   *         tokens at both ends survive
   */
  public static long[] cut(long[] ids, int maxTokens) {
    if (ids.length <= maxTokens) {
      return ids;
    }
    int head = (maxTokens + 1) / 2;
    int tail = maxTokens - head;
    long[] window = Arrays.copyOf(ids, maxTokens);
    System.arraycopy(ids, ids.length - tail, window, head, tail);
    return window;
  }
}
