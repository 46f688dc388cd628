package dev.gearbox.router.routing;

import com.google.re2j.Pattern;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Finds a rule's regex in a prompt with RE2/J, whose cost is linear: at most the program size times the text's
 * length ({@link #cost}). When every match must begin with one of a few known characters (each branch starts with
 * a literal, as keyword-like rules do), the text before the first such character is skipped unread, and a text
 * without any is answered without running the regex at all.
 */
final class RegexFinder {
  private static final String META = "[](){}.*+?^$|\\";

  private final Pattern pattern;
  private final BitSet starts; // null: no usable prefilter, plain find()

  private RegexFinder(Pattern pattern, BitSet starts) {
    this.pattern = pattern;
    this.starts = starts;
  }

  static RegexFinder of(Pattern pattern) {
    return new RegexFinder(pattern, pattern.flags() == 0 ? startChars(pattern.pattern()) : null);
  }

  /** Where a match can first start: 0 without a prefilter, -1 when the text holds none of the start characters. */
  int firstCandidate(CharSequence text) {
    if (starts == null) {
      return 0;
    }
    for (int i = 0, n = text.length(); i < n; i++) {
      if (starts.get(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The most steps a find over {@code chars} characters takes: RE2/J's work is linear in both. */
  long cost(int chars) {
    return (long) pattern.programSize() * chars;
  }

  /** Whether the pattern occurs anywhere in the text, as {@code pattern.matcher(text).find()} says. */
  boolean find(CharSequence text) {
    int from = firstCandidate(text);
    return from >= 0 && findFrom(text, from);
  }

  /**
   * Whether a match starts at {@code from} or later, {@code from} being a {@link #firstCandidate}: no match starts
   * before it, and from there RE2/J searches as usual, seeing the text before it for \b and ^.
   */
  boolean findFrom(CharSequence text, int from) {
    return pattern.matcher(text).find(from);
  }

  /**
   * The characters every match must start with, or null when the pattern's start is not that simple. Handled:
   * leading inline flags among {@code imsU}, a top-level alternation, and per branch optional zero-width
   * {@code ^ \b \B \A} then a literal (plain or escaped punctuation, {@code \t \n \r}) not made optional by
   * {@code ? * {}. Anything else (classes, groups, {@code \d}, {@code \Q}, a non-ASCII literal under (?i)) gives up.
   */
  static BitSet startChars(String regex) {
    int from = 0;
    boolean ignoreCase = false;
    if (regex.startsWith("(?")) {
      int close = regex.indexOf(')');
      String flags = close < 0 ? "" : regex.substring(2, close);
      if (!flags.matches("[imsU]+")) {
        return null; // a group such as (?:...) or (?=...), or flags that change how literals match
      }
      ignoreCase = flags.indexOf('i') >= 0;
      from = close + 1;
    }
    List<String> branches = topLevelBranches(regex.substring(from));
    if (branches == null) {
      return null;
    }
    BitSet starts = new BitSet();
    for (String branch : branches) {
      int literal = firstLiteral(branch);
      if (literal < 0) {
        return null;
      }
      char first = Character.toChars(literal)[0];
      starts.set(first);
      if (ignoreCase) {
        if (first >= 128) {
          return null; // RE2 folds case by Unicode's rules; only ASCII's are spelled out here
        }
        starts.set(Character.toLowerCase(first));
        starts.set(Character.toUpperCase(first));
        // The two non-ASCII letters RE2 folds into ASCII ones: KELVIN SIGN and LONG S.
        if (Character.toLowerCase(first) == 'k') {
          starts.set('\u212A');
        } else if (Character.toLowerCase(first) == 's') {
          starts.set('\u017F');
        }
      }
    }
    return starts;
  }

  /** The pattern split at its top-level |, or null when brackets are not what this simple scan expects. */
  private static List<String> topLevelBranches(String regex) {
    List<String> branches = new ArrayList<>();
    int groups = 0;
    int classes = 0;
    int start = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (regex.startsWith("Q", i + 1)) {
          return null; // quoted text may hold brackets
        }
        i++;
      } else if (c == '[') {
        if (regex.startsWith("]", i + 1) || regex.startsWith("^]", i + 1)) {
          return null;
        }
        classes++;
      } else if (c == ']' && classes > 0) {
        classes--;
      } else if (classes == 0 && c == '(') {
        groups++;
      } else if (classes == 0 && c == ')') {
        groups--;
      } else if (classes == 0 && groups == 0 && c == '|') {
        branches.add(regex.substring(start, i));
        start = i + 1;
      }
    }
    if (groups != 0 || classes != 0) {
      return null;
    }
    branches.add(regex.substring(start));
    return branches;
  }

  /** The code point a branch's match must start with, or -1. */
  private static int firstLiteral(String branch) {
    int i = 0;
    while (i < branch.length()) {
      if (branch.charAt(i) == '^') {
        i++;
      } else if (branch.startsWith("\\", i) && i + 1 < branch.length() && "bBA".indexOf(branch.charAt(i + 1)) >= 0) {
        i += 2;
      } else {
        break;
      }
    }
    if (i >= branch.length()) {
      return -1;
    }
    int literal = branch.codePointAt(i);
    int next = i + Character.charCount(literal);
    if (literal == '\\') {
      if (next >= branch.length()) {
        return -1;
      }
      literal = escaped(branch.codePointAt(next));
      next += Character.charCount(branch.codePointAt(next));
    } else if (META.indexOf(literal) >= 0) {
      return -1;
    }
    boolean optional = next < branch.length() && "?*{".indexOf(branch.charAt(next)) >= 0;
    return literal < 0 || optional ? -1 : literal;
  }

  /** The character an escape such as {@code \#} or {@code \n} stands for, or -1 for a class such as {@code \d}. */
  private static int escaped(int c) {
    return switch (c) {
      case 't' -> '\t';
      case 'n' -> '\n';
      case 'r' -> '\r';
      default -> Character.isLetterOrDigit(c) ? -1 : c;
    };
  }
}
