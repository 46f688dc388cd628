package dev.gearbox.router.classifier;

import java.util.List;
import java.util.Set;

/**
 * What a prompt asks for, read from its normalised text ({@link PromptNormalizer}) and its {@link Words} in one pass
 * each: how long it is, whether it asks for code, a proof, a multi-step derivation, a comparison or a long piece of
 * writing, how many constraints it sets, how much domain expertise its words call for, and how much maths and code
 * it carries. Word-set lookups rather than regular expressions, so a long prompt costs microseconds. Deliberately no
 * character n-grams: those let a head recognise the dataset a prompt came from instead of how demanding it is. Pure.
 */
public final class TaskFeatures {
  public static final List<String> NAMES = List.of("log_chars", "log_words", "mean_word_length", "log_sentences",
      "digit_share", "symbol_share", "non_ascii_share", "log_numbers", "log_math", "log_code", "asks_code",
      "asks_proof", "asks_steps", "log_constraints", "asks_long_output", "log_expertise", "asks_comparison",
      "starts_with_question", "log_questions", "has_url");

  private static final Vocabulary CODE = new Vocabulary(Set.of("python", "java", "javascript", "typescript", "rust",
      "golang", "kotlin", "swift", "sql", "bash", "html", "css", "react", "regex", "function", "method", "class",
      "script", "program", "code", "api", "algorithm"), Set.of("implement", "debug", "refactor", "compile"),
      Set.of("shell script"));
  private static final Vocabulary PROOF = new Vocabulary(Set.of("prove", "proof", "derive", "justify", "theorem",
      "lemma"), Set.of("rigorous"), Set.of("show that", "demonstrate that"));
  private static final Vocabulary STEPS = new Vocabulary(Set.of("steps", "calculate", "compute", "solve",
      "determine", "evaluate", "simplify", "plan", "design", "strategy", "tradeoff", "tradeoffs"),
      Set.of("optimis", "optimiz"), Set.of("step by", "how many", "how much", "find the", "trade off", "trade offs"));
  private static final Vocabulary CONSTRAINTS = new Vocabulary(Set.of("must", "should", "exactly", "without",
      "ensure", "only", "avoid", "each", "every", "include", "format", "limit", "within", "using", "given", "assume",
      "if", "don't"), Set.of(), Set.of("at least", "at most", "make sure", "do not", "more than", "such that"));
  private static final Vocabulary LONG_OUTPUT = new Vocabulary(Set.of("essay", "article", "story", "report",
      "detailed", "comprehensive", "paragraph", "paragraphs", "chapter", "poem", "letter", "screenplay", "script",
      "outline", "guide", "tutorial"), Set.of("thorough"), Set.of("in depth", "blog post"));
  private static final Vocabulary EXPERTISE = new Vocabulary(Set.of("complexity", "architecture", "distributed",
      "quantum", "legal", "law", "medical", "clinical", "financial", "regression", "neural", "model", "compiler",
      "kernel", "protocol", "database", "latency", "asymptotic", "proof", "theorem", "induction"),
      Set.of("algorithm", "optimis", "optimiz", "concurren", "thread", "statistic", "cryptograph", "scalab", "eigen",
          "topolog", "thermodynamic", "molecul", "economic", "philosoph", "hypothes"), Set.of());
  private static final Vocabulary COMPARISON = new Vocabulary(Set.of("compare", "comparison", "differences",
      "versus", "vs", "advantages"), Set.of(), Set.of("difference between", "pros and"));
  private static final Vocabulary MATH_WORDS = new Vocabulary(Set.of("equation", "integer", "sum", "product",
      "probability", "derivative", "integral", "matrix", "polynomial", "prime", "modulo", "remainder", "divisible",
      "sqrt", "log", "sin", "cos"), Set.of(), Set.of());
  private static final Vocabulary CODE_WORDS = new Vocabulary(Set.of("def", "return", "import"), Set.of(), Set.of());
  private static final Set<String> QUESTION_WORDS = Set.of("what", "who", "when", "where", "which", "why", "how", "is",
      "are", "can", "do", "does", "did", "will", "should");
  private static final String MATH_SYMBOLS = "=+*/^<>≤≥∑∫√π$";

  private TaskFeatures() {
  }

  /**
   * The features in the order of {@link #NAMES}: the size of the whole prompt, the rest from its normalised window.
   *
   * @param text       the whole prompt: only its non-blank characters and whitespace-separated words are counted,
   *                   which case, spacing and a trailing mark barely change
   * @param normalized the normalised window the other features read
   */
  public static float[] of(String text, String normalized, Words words) {
    Characters c = Characters.of(normalized);
    int letters = 0;
    for (String w : words.words()) {
      letters += w.length();
    }
    int codeMarks = c.braces + count(normalized, "```") + count(normalized, "=>") + count(normalized, "->")
        + count(normalized, "()") + CODE_WORDS.count(words);
    boolean asksCode = CODE.count(words) > 0 || normalized.contains("c++") || normalized.contains("c#");
    double share = Math.max(1, normalized.length());
    return new float[] {
        log(nonBlank(text)), log(blankSeparated(text)), words.size() == 0 ? 0 : (float) letters / words.size(),
        log(c.sentenceEnds), (float) (c.digits / share), (float) (c.symbols / share), (float) (c.nonAscii / share),
        log(c.numbers), log(c.mathSymbols + c.latexCommands + MATH_WORDS.count(words)), log(codeMarks),
        flag(asksCode), flag(PROOF.count(words) > 0), flag(STEPS.count(words) > 0), log(CONSTRAINTS.count(words)),
        flag(LONG_OUTPUT.count(words) > 0 || wordCountAsked(words)), log(EXPERTISE.count(words)),
        flag(COMPARISON.count(words) > 0), flag(words.size() > 0 && QUESTION_WORDS.contains(words.words().get(0))),
        log(c.questionMarks), flag(normalized.contains("http://") || normalized.contains("https://"))};
  }

  private static int nonBlank(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  private static int blankSeparated(String text) {
    int n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean blank = Character.isWhitespace(text.charAt(i));
      if (!blank && !inWord) {
        n++;
      }
      inWord = !blank;
    }
    return n;
  }

  /** "in 500 words": a length asked for in words. */
  private static boolean wordCountAsked(Words words) {
    List<String> list = words.words();
    for (int i = 1; i < list.size(); i++) {
      if (list.get(i).equals("words") && list.get(i - 1).chars().allMatch(Character::isDigit)) {
        return true;
      }
    }
    return false;
  }

  /** Words, word prefixes and word pairs that mark one kind of request. */
  private record Vocabulary(Set<String> words, Set<String> prefixes, Set<String> pairs) {

    int count(Words text) {
      int n = 0;
      List<String> list = text.words();
      for (int i = 0; i < list.size(); i++) {
        String w = list.get(i);
        if (words.contains(w) || hasPrefix(w) || i > 0 && pairs.contains(text.pairs().get(i - 1))) {
          n++;
        }
      }
      return n;
    }

    private boolean hasPrefix(String word) {
      for (String prefix : prefixes) {
        if (word.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Counts over the characters, in one pass. */
  private record Characters(int digits, int symbols, int nonAscii, int numbers, int sentenceEnds, int questionMarks,
      int mathSymbols, int latexCommands, int braces) {

    static Characters of(String text) {
      int digits = 0;
      int symbols = 0;
      int nonAscii = 0;
      int numbers = 0;
      int sentenceEnds = 0;
      int questionMarks = 0;
      int mathSymbols = 0;
      int latex = 0;
      int braces = 0;
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        if (Character.isDigit(ch)) {
          digits++;
          boolean continues = Character.isDigit(next) || (next == '.' || next == ',') && i + 2 < text.length()
              && Character.isDigit(text.charAt(i + 2));
          if (!continues) {
            numbers++;
          }
        } else if (!Character.isLetter(ch) && ch != ' ') {
          symbols++;
        }
        if (ch > 127) {
          nonAscii++;
        }
        if (".!?;:".indexOf(ch) >= 0 && next == ' ') {
          sentenceEnds++;
        }
        if (ch == '?') {
          questionMarks++;
        }
        if (MATH_SYMBOLS.indexOf(ch) >= 0) {
          mathSymbols++;
        }
        if (ch == '\\' && Character.isLetter(next)) {
          latex++;
        }
        if (ch == '{' || ch == '}' || ch == ';') {
          braces++;
        }
      }
      return new Characters(digits, symbols, nonAscii, numbers, sentenceEnds, questionMarks, mathSymbols, latex,
          braces);
    }
  }

  private static int count(String text, String marker) {
    int n = 0;
    for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length())) {
      n++;
    }
    return n;
  }

  private static float flag(boolean value) {
    return value ? 1 : 0;
  }

  private static float log(int count) {
    return (float) Math.log1p(count);
  }
}
