package dev.gearbox.router.routing;

/**
 * Cheap token count for rules and cost estimates: about four characters per token, the usual rule of thumb for
 * BPE tokenizers on English text. It needs no tokenizer and is off by ±30% on code and non-Latin scripts.
 */
public final class TokenEstimate {
  private TokenEstimate() {
  }

  public static int of(CharSequence text) {
    return ofLength(text.length());
  }

  public static int ofLength(int chars) {
    return (chars + 3) / 4;
  }
}
