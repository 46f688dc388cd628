package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.CountRange;
import dev.gearbox.api.v1alpha1.HeaderMatch;
import dev.gearbox.api.v1alpha1.Keywords;
import dev.gearbox.api.v1alpha1.Rule.Scope;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The cheap conditions: keywords, regex, token and message counts, headers. */
final class TextConditions {

  private TextConditions() {
  }

  /** Keywords match case-insensitively on word boundaries: "sql" matches "SQL?" but not "sequel". */
  static Condition keywords(Keywords keywords, Scope scope) {
    Pattern any = keywords.any() == null || keywords.any().isEmpty() ? null : wordPattern(keywords.any());
    List<Pattern> all = keywords.all() == null ? List.of()
        : keywords.all().stream().map(k -> wordPattern(List.of(k))).toList();
    return request -> {
      String text = request.text(scope);
      if (any != null && !any.matcher(text).find()) {
        return false;
      }
      for (Pattern p : all) {
        if (!p.matcher(text).find()) {
          return false;
        }
      }
      return true;
    };
  }

  static Condition regex(Pattern pattern, Scope scope) {
    return request -> pattern.matcher(request.text(scope)).find();
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

  private static Pattern wordPattern(List<String> words) {
    StringBuilder alternatives = new StringBuilder();
    for (String word : words) {
      if (!alternatives.isEmpty()) {
        alternatives.append('|');
      }
      alternatives.append(Pattern.quote(word.trim()));
    }
    return Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + alternatives + ")(?![\\p{L}\\p{N}_])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
