package dev.gearbox.router.classifier;

import java.util.Arrays;

/**
 * Cuts a token sequence to at most {@code maxTokens}, keeping its head and tail: the question usually sits at one
 * end of a long prompt (instructions first, or a pasted document followed by the ask). Pure.
 */
public final class TokenWindow {
  private TokenWindow() {
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
