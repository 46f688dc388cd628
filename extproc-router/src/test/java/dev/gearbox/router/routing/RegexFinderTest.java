package dev.gearbox.router.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import com.google.re2j.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RegexFinderTest {

  private static String chars(BitSet set) {
    StringBuilder out = new StringBuilder();
    set.stream().forEach(c -> out.append((char) c));
    return out.toString();
  }

  /** Issue 18 #2: patterns that hang or overflow a backtracking engine are linear under RE2/J. */
  @Test
  void catastrophicPatternsAnswerOnHostilePrompts() {
    assertThat(RegexFinder.of(Pattern.compile("(.*,){11}\\d")).find("a,".repeat(60) + "!")).isFalse();
    assertThat(RegexFinder.of(Pattern.compile("```(.|\n)*")).find("```" + "x\n".repeat(50_000))).isTrue();
    assertThat(RegexFinder.of(Pattern.compile("\\bdef ")).cost(1000)).isEqualTo(
        Pattern.compile("\\bdef ").programSize() * 1000L);
  }

  @Test
  void underIgnoreCaseTheLettersRe2FoldsIntoAsciiAreStartsToo() {
    assertThat(chars(RegexFinder.startChars("(?i)k"))).isEqualTo("Kk\u212A");
    assertThat(RegexFinder.startChars("(?i)é")).isNull();
  }

  @Test
  void anAlternationOfLiteralsStartsWithItsBranchesFirstCharacters() {
    assertThat(chars(RegexFinder.startChars("```|\\bdef |\\bclass |#include"))).isEqualTo("#`cd");
    assertThat(chars(RegexFinder.startChars("(?i)prove|^proof"))).isEqualTo("Pp");
    assertThat(chars(RegexFinder.startChars("\\#x|\\tab|\\\\n"))).isEqualTo("\t#\\");
    assertThat(chars(RegexFinder.startChars("a+b|c"))).isEqualTo("ac");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[abc]x", "(foo|bar)", "(?:a|b)", "\\d+", "a?b", "a*", "a{0,2}b", "a{2}", "x|", "|x", ".x",
      "(?iU)é", "\\Qa|b\\E", "$x", "\\bfoo|\\w+"})
  void anythingLessSimpleHasNoPrefilter(String regex) {
    assertThat(RegexFinder.startChars(regex)).isNull();
  }

  /** Every pattern, prefiltered or not, answers exactly as {@code Matcher.find} does, on random texts. */
  @Test
  void findsExactlyWhatFindFinds() {
    List<String> regexes = List.of("```|\\bdef |\\bclass |#include", "(?i)prove|proof", "(?m)^ab|cd$",
        "\\bab\\b|ba", "a\\Bb|\\Bb", "ab+c|c", "(?i)A|b|s|k", "\\ta|#", "x[ab]|y(a|b)", "é|ab", "^x|yx");
    String alphabet = "abcdeéfx yz#`\t\nABPROVEproveclassdefinclude_\u212A\u017Fks";
    Random random = new Random(7);
    for (String regex : regexes) {
      Pattern pattern = Pattern.compile(regex);
      RegexFinder finder = RegexFinder.of(pattern);
      for (int n = 0; n < 5_000; n++) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String t = text.toString();
        assertThat(finder.find(t)).as("%s in \"%s\"", regex, t).isEqualTo(pattern.matcher(t).find());
      }
    }
  }
}
