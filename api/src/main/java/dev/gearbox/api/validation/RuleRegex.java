package dev.gearbox.api.validation;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The one place a rule's regex is compiled, for the validator and the router alike. RE2/J matches in time linear in
 * the text and without recursion, so no prompt can make a regex backtrack or overflow the stack; what it cannot run
 * that way (back-references, look-around) does not compile. The program-size cap bounds the per-character cost
 * (a linear engine's constant is the size of the compiled program), so a policy cannot make every request slow.
 */
public final class RuleRegex {
  /** Instructions in the compiled program; {@code (a|b|c){100}} is ~600, a keyword alternation of 40 words ~400. */
  public static final int MAX_PROGRAM_SIZE = 2000;

  private RuleRegex() {
  }

  /** @throws IllegalArgumentException with a message fit for the user when the regex is unusable */
  public static Pattern compile(String regex) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("does not compile as RE2 syntax (no back-references or look-around): "
          + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
    }
    if (pattern.programSize() > MAX_PROGRAM_SIZE) {
      throw new IllegalArgumentException("compiles to " + pattern.programSize() + " instructions, more than the "
          + MAX_PROGRAM_SIZE + " allowed: simplify it or split it over several rules");
    }
    return pattern;
  }
}
