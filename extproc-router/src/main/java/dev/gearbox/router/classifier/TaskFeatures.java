package dev.gearbox.router.classifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a prompt asks for, read from its normalised text ({@link PromptNormalizer}) in microseconds: how long it is,
 * whether it asks for code, a proof, a multi-step derivation or a long piece of writing, how many constraints it
 * sets, how much domain expertise its words call for, and how much maths and code it carries. Deliberately no
 * hashed surface n-grams: those let a head recognise the dataset a prompt came from instead of how demanding it is.
 * Pure.
 */
public final class TaskFeatures {
  public static final List<String> NAMES = List.of("log_chars", "log_words", "mean_word_length", "log_sentences",
      "digit_share", "symbol_share", "non_ascii_share", "log_numbers", "log_math", "log_code", "asks_code",
      "asks_proof", "asks_steps", "log_constraints", "asks_long_output", "log_expertise", "asks_comparison",
      "starts_with_question", "log_questions", "has_url");

  static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_']+");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?;:](?= )");
  private static final Pattern MATH = Pattern.compile(
      "[=+*/^<>≤≥∑∫√π]|\\\\[a-z]+|\\$|\\b(?:equation|integer|sum|product|probability|derivative|integral|matrix|"
          + "polynomial|prime|modulo|remainder|divisible|sqrt|log|sin|cos)\\b");
  private static final Pattern CODE = Pattern.compile("```|[{};]|\\bdef |\\breturn\\b|=>|->|\\(\\)|\\bimport ");
  private static final Pattern ASKS_CODE = Pattern.compile(
      "\\b(?:python|java|javascript|typescript|c\\+\\+|c#|rust|golang|kotlin|swift|sql|bash|shell script|html|css|"
          + "react|regex|function|method|class|script|program|code|api|algorithm|implement\\w*|debug\\w*|refactor\\w*|"
          + "compile\\w*)\\b");
  private static final Pattern ASKS_PROOF = Pattern.compile(
      "\\b(?:prove|proof|show that|demonstrate that|derive|justify|theorem|lemma|rigorous\\w*)\\b");
  private static final Pattern ASKS_STEPS = Pattern.compile(
      "\\b(?:step by step|steps|calculate|compute|solve|how many|how much|find the|determine|evaluate|simplify|"
          + "optimi[sz]e|plan|design|strategy|trade-?offs?)\\b");
  private static final Pattern CONSTRAINT = Pattern.compile(
      "\\b(?:must|should|at least|at most|no more than|exactly|without|ensure|make sure|only|do not|don't|avoid|"
          + "each|every|include|format|limit|within|using|given|assume|such that|if)\\b");
  private static final Pattern LONG_OUTPUT = Pattern.compile(
      "\\b(?:essay|article|story|report|detailed|comprehensive|in depth|in-depth|thorough\\w*|\\d+ words|"
          + "paragraphs?|chapter|blog post|poem|letter|screenplay|script|outline|guide|tutorial)\\b");
  private static final Pattern EXPERTISE = Pattern.compile(
      "\\b(?:algorithm\\w*|complexity|optimi[sz]ation|architecture|distributed|concurren\\w*|thread\\w*|quantum|"
          + "legal|law|medical|clinical|financial|statistic\\w*|regression|neural|model|compiler|kernel|"
          + "cryptograph\\w*|protocol|database|latency|scalab\\w*|asymptotic|eigen\\w*|topolog\\w*|"
          + "thermodynamic\\w*|molecul\\w*|economic\\w*|philosoph\\w*|hypothes\\w*|proof|theorem|induction)\\b");
  private static final Pattern COMPARISON = Pattern.compile(
      "\\b(?:compare|comparison|difference between|differences|versus|vs|pros and cons|advantages)\\b");
  private static final Pattern QUESTION_START = Pattern.compile(
      "^(?:what|who|when|where|which|why|how|is|are|can|do|does|did|will|should)\\b");
  private static final Pattern QUESTION = Pattern.compile("\\?");
  private static final Pattern URL = Pattern.compile("https?://");

  private TaskFeatures() {
  }

  /** The features of an already normalised prompt, in the order of {@link #NAMES}. */
  public static float[] of(String normalized) {
    int chars = normalized.length();
    int digits = 0;
    int symbols = 0;
    int nonAscii = 0;
    for (int i = 0; i < chars; i++) {
      char c = normalized.charAt(i);
      if (Character.isDigit(c)) {
        digits++;
      } else if (!Character.isLetter(c) && c != ' ') {
        symbols++;
      }
      if (c > 127) {
        nonAscii++;
      }
    }
    int words = 0;
    int letters = 0;
    Matcher word = WORD.matcher(normalized);
    while (word.find()) {
      words++;
      letters += word.end() - word.start();
    }
    double share = Math.max(1, chars);
    return new float[] {
        log(chars), log(words), words == 0 ? 0 : (float) letters / words, log(count(SENTENCE_END, normalized)),
        (float) (digits / share), (float) (symbols / share), (float) (nonAscii / share),
        log(count(NUMBER, normalized)), log(count(MATH, normalized)), log(count(CODE, normalized)),
        flag(ASKS_CODE, normalized), flag(ASKS_PROOF, normalized), flag(ASKS_STEPS, normalized),
        log(count(CONSTRAINT, normalized)), flag(LONG_OUTPUT, normalized), log(count(EXPERTISE, normalized)),
        flag(COMPARISON, normalized), flag(QUESTION_START, normalized), log(count(QUESTION, normalized)),
        flag(URL, normalized)};
  }

  private static float flag(Pattern pattern, String text) {
    return pattern.matcher(text).find() ? 1 : 0;
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
