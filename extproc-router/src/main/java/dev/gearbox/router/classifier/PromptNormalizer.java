package dev.gearbox.router.classifier;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What should not change a prompt's tier, removed before any feature sees it: letter case, compatibility forms
 * (full-width letters, ligatures), runs of whitespace, a polite opening ("please", "kindly")
 * and the punctuation that ends the prompt. "What is 2+2?" and "what is 2+2" become one input. Linear in the text's
 * length (callers cut long prompts to a window first). Pure.
 */
public final class PromptNormalizer {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern POLITE_OPENING = Pattern.compile(
      "^(?:(?:please|pls|plz|kindly)\\b[\\s,!:;.-]*)+");
  private static final String TRAILING = "?.!。？！… ";

  private PromptNormalizer() {
  }

  public static String normalize(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    String squeezed = WHITESPACE.matcher(folded).replaceAll(" ").strip();
    String opened = POLITE_OPENING.matcher(squeezed).replaceFirst("");
    int end = opened.length();
    while (end > 0 && TRAILING.indexOf(opened.charAt(end - 1)) >= 0) {
      end--;
    }
    return opened.substring(0, end);
  }
}
