package dev.gearbox.router.classifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap features of a prompt, in microseconds and without a model: its size and shape (length, lines, sentences),
 * the share of digits, symbols and capitals, markers of maths, LaTeX and code, and a hashed bag of its words, word
 * pairs and character 3- to 5-grams. Pure.
 */
public final class LexicalFeatures {
  public static final List<String> DENSE_NAMES = List.of("log_chars", "log_words", "log_lines", "log_sentences",
      "mean_word_length", "digit_share", "upper_share", "symbol_share", "non_ascii_share", "log_math_operators",
      "log_latex", "log_code", "log_numbers", "log_questions", "log_list_items", "has_url", "starts_with_wh",
      "ends_with_question");

  /**
   * The hashed terms read at most this many characters, the head and tail of a longer prompt (like the embedding's
   * token window), so their cost is bounded whatever the prompt's size.
   */
  static final int TERM_WINDOW_CHARS = 4096;
  private static final int MIN_GRAM = 3;
  private static final int MAX_GRAM = 5;
  private static final int WORD_SALT = 0x9E3779B1;
  // A second multiplier, so a character n-gram and a word with the same String hash land in different buckets.
  private static final int GRAM_SALT = 0x85EBCA6B;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_']+");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
  // Each alternation starts with a lookahead on the characters its alternatives can begin with: the same matches,
  // but most positions are rejected by one class test instead of trying every alternative (2-3x faster).
  private static final Pattern LATEX = Pattern.compile("(?=[\\\\$^_])(?:\\\\[a-zA-Z]+|\\$|\\^\\{|_\\{)");
  private static final Pattern CODE = Pattern.compile(
      "(?=[`{};dr=\\-( ])(?:```|[{};]|\\bdef |\\breturn\\b|=>|->|\\(\\)|^ {4})", Pattern.MULTILINE);
  private static final Pattern MATH = Pattern.compile("(?=[=+*/^<>\\s-])(?:[=+*/^<>]|(?<=\\d)\\s*-\\s*(?=\\d))");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*•]|\\d+[.)])\\s", Pattern.MULTILINE);
  private static final Pattern QUESTION = Pattern.compile("\\?");
  private static final Pattern URL = Pattern.compile("https?://");
  private static final Pattern WH_START = Pattern.compile(
      "^\\s*(?:what|who|when|where|which|why|how|is|are|can|do|does|did)\\b", Pattern.CASE_INSENSITIVE);

  private LexicalFeatures() {
  }

  /** The dense features, in the order of {@link #DENSE_NAMES}. */
  public static float[] dense(String text) {
    int chars = text.length();
    int digits = 0;
    int upper = 0;
    int symbols = 0;
    int nonAscii = 0;
    int lines = 1;
    for (int i = 0; i < chars; i++) {
      char c = text.charAt(i);
      if (Character.isDigit(c)) {
        digits++;
      } else if (Character.isUpperCase(c)) {
        upper++;
      } else if (c == '\n') {
        lines++;
      } else if (!Character.isLetter(c) && !Character.isWhitespace(c)) {
        symbols++;
      }
      if (c > 127) {
        nonAscii++;
      }
    }
    List<String> words = words(text);
    int letters = words.stream().mapToInt(String::length).sum();
    double share = Math.max(1, chars);
    String trimmed = text.strip();
    return new float[] {
        log(chars), log(words.size()), log(lines), log(count(SENTENCE_END, text)),
        (float) (words.isEmpty() ? 0 : (double) letters / words.size()),
        (float) (digits / share), (float) (upper / share), (float) (symbols / share), (float) (nonAscii / share),
        log(count(MATH, text)), log(count(LATEX, text)), log(count(CODE, text)), log(count(NUMBER, text)),
        log(count(QUESTION, text)), log(count(LIST_ITEM, text)),
        URL.matcher(text).find() ? 1 : 0, WH_START.matcher(text).find() ? 1 : 0,
        trimmed.endsWith("?") ? 1 : 0};
  }

  /**
   * Bucket indices of the prompt's lower-cased words, adjacent word pairs and character n-grams (whitespace runs read
   * as one space), sorted, without repeats. Character n-grams catch what words miss: LaTeX and code fragments,
   * inflections, numbers' shapes.
   */
  public static int[] hashedTerms(String text, int buckets) {
    String window = headAndTail(text.toLowerCase(Locale.ROOT));
    List<String> words = words(window);
    char[] squeezed = squeezeSpaces(window);
    int[] terms = new int[words.size() * 2 + squeezed.length * (MAX_GRAM - MIN_GRAM + 1)];
    int n = 0;
    for (int i = 0; i < words.size(); i++) {
      terms[n++] = bucket(words.get(i).hashCode(), WORD_SALT, buckets);
      if (i > 0) {
        terms[n++] = bucket((words.get(i - 1) + ' ' + words.get(i)).hashCode(), WORD_SALT, buckets);
      }
    }
    for (int start = 0; start < squeezed.length; start++) {
      int hash = 0;
      for (int g = 1; g <= MAX_GRAM && start + g <= squeezed.length; g++) {
        hash = 31 * hash + squeezed[start + g - 1]; // String.hashCode of the n-gram, without making the String
        if (g >= MIN_GRAM) {
          terms[n++] = bucket(hash, GRAM_SALT, buckets);
        }
      }
    }
    Arrays.sort(terms, 0, n);
    return distinct(terms, n);
  }

  /** The text the hashed terms read: all of it, or its first and last {@code TERM_WINDOW_CHARS / 2} characters. */
  static String headAndTail(String text) {
    return TokenWindow.headAndTail(text, TERM_WINDOW_CHARS / 2);
  }

  /** The text between single spaces, each whitespace run one space. */
  private static char[] squeezeSpaces(String text) {
    char[] out = new char[text.length() + 2];
    int n = 0;
    out[n++] = ' ';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = Character.isWhitespace(c);
      if (!space) {
        out[n++] = c;
      } else if (out[n - 1] != ' ') {
        out[n++] = ' ';
      }
    }
    if (out[n - 1] != ' ') {
      out[n++] = ' ';
    }
    return Arrays.copyOf(out, n);
  }

  private static int[] distinct(int[] sorted, int length) {
    int n = 0;
    for (int i = 0; i < length; i++) {
      if (n == 0 || sorted[i] != sorted[n - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, n);
  }

  private static int bucket(int hash, int salt, int buckets) {
    // String.hashCode is specified by the JLS, so buckets are stable across JVMs and match the shipped weights.
    return Math.floorMod(hash * salt, buckets);
  }

  private static List<String> words(String text) {
    Matcher m = WORD.matcher(text);
    List<String> words = new ArrayList<>();
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static float log(int count) {
    return (float) Math.log1p(count);
  }
}
