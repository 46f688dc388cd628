package dev.gearbox.router.routing;

import com.google.re2j.Pattern;
import dev.gearbox.api.v1alpha1.CountRange;
import dev.gearbox.api.v1alpha1.HeaderMatch;
import dev.gearbox.api.v1alpha1.Keywords;
import dev.gearbox.api.v1alpha1.Rule.Scope;

import java.util.List;
import java.util.Locale;

/** The cheap conditions: keywords, regex, token and message counts, headers. */
final class TextConditions {

  private TextConditions() {
  }

  /** Keywords match case-insensitively on word boundaries: "sql" matches "SQL?" but not "sequel". */
  static Condition keywords(Keywords keywords, Scope scope) {
    List<String> any = normalise(keywords.any());
    List<String> all = normalise(keywords.all());
    return request -> {
      LowerCaseText text = request.lowerCase(scope);
      return (any.isEmpty() || containsAny(text, any)) && containsAll(text, all);
    };
  }

  private static boolean containsAny(LowerCaseText text, List<String> keywords) {
    for (String keyword : keywords) {
      if (text.containsKeyword(keyword)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAll(LowerCaseText text, List<String> keywords) {
    for (String keyword : keywords) {
      if (!text.containsKeyword(keyword)) {
        return false;
      }
    }
    return true;
  }

  static Condition regex(Pattern pattern, Scope scope) {
    RegexFinder finder = RegexFinder.of(pattern);
    return request -> {
      String text = request.text(scope);
      int from = finder.firstCandidate(text);
      if (from < 0) {
        return false;
      }
      request.scanning(finder.cost(text.length() - from));
      return finder.findFrom(request.timed(text), from);
    };
  }

  static Condition promptTokens(CountRange range, Scope scope) {
    return request -> within(range, request.estimatedTokens(scope));
  }

  static Condition messages(CountRange range) {
    return request -> within(range, request.turnCount());
  }

  static Condition header(HeaderMatch match) {
    String name = match.name().toLowerCase(Locale.ROOT);
    return request -> {
      String value = request.header(name);
      return value != null && (match.value() == null || match.value().equals(value));
    };
  }

  private static boolean within(CountRange range, int count) {
    return (range.min() == null || count >= range.min()) && (range.max() == null || count <= range.max());
  }

  private static List<String> normalise(List<String> keywords) {
    return keywords == null ? List.of()
        : keywords.stream().map(k -> k.trim().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty()).toList();
  }
}
