package dev.gearbox.router.chart;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structural check of PromQL, since no PromQL parser for Java is on Maven Central: brackets balance and nest,
 * functions and aggregations are real ones, label matchers are {@code name op "value"}, ranges are durations and no
 * two operands stand side by side. It also names the metrics an expression reads. Not a full parser: operator
 * precedence and types (vector against scalar) are not checked.
 */
final class PromQlCheck {
  private static final Pattern TOKEN = Pattern.compile("\\s*(?:(\"(?:[^\"\\\\]|\\\\.)*\")|(\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?(?:ms|s|m|h|d|w|y)?)"
      + "|([a-zA-Z_:][a-zA-Z0-9_:]*)|(==|!=|>=|<=|=~|!~|[-+*/%^<>=(){}\\[\\],:]))");
  private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|m|h|d|w|y)");
  private static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "avg_over_time", "ceil",
      "changes", "clamp", "clamp_max", "clamp_min", "count_over_time", "delta", "deriv", "exp", "floor",
      "histogram_quantile", "idelta", "increase", "irate", "label_replace", "label_join", "ln", "log2", "log10",
      "max_over_time", "min_over_time", "predict_linear", "quantile_over_time", "rate", "resets", "round", "scalar",
      "sort", "sort_desc", "sqrt", "stddev_over_time", "sum_over_time", "time", "timestamp", "vector");
  private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count", "stddev", "stdvar",
      "topk", "bottomk", "quantile", "count_values", "group");
  private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");

  private final List<String> problems = new ArrayList<>();
  private final Set<String> metrics = new LinkedHashSet<>();

  static PromQlCheck of(String expr) {
    PromQlCheck check = new PromQlCheck();
    check.scan(expr);
    return check;
  }

  List<String> problems() {
    return problems;
  }

  Set<String> metrics() {
    return metrics;
  }

  private void scan(String expr) {
    List<String> tokens = tokens(expr);
    Deque<String> open = new ArrayDeque<>();
    boolean operandEnded = false;
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
      switch (t) {
        case "(", "[" -> {
          if (t.equals("[")) {
            i = range(tokens, i);
            operandEnded = true;
            continue;
          }
          open.push(t);
          operandEnded = false;
        }
        case "{" -> {
          i = matchers(tokens, i);
          operandEnded = true;
        }
        case ")" -> {
          if (open.isEmpty()) {
            problems.add("unbalanced )");
          } else {
            open.pop();
          }
          operandEnded = true;
        }
        case "}", "]" -> problems.add("unbalanced " + t);
        default -> {
          boolean operand = Character.isLetterOrDigit(t.charAt(0)) || t.charAt(0) == '_' || t.charAt(0) == '"';
          boolean word = Character.isLetter(t.charAt(0)) || t.charAt(0) == '_';
          if (word && LABEL_LISTS.contains(t)) {
            i = labelList(tokens, i);
            continue;
          }
          if (word && KEYWORDS.contains(t)) {
            operandEnded = false;
            continue;
          }
          if (operand && operandEnded) {
            problems.add("two operands side by side before " + t);
          }
          if (word && next.equals("(") || word && LABEL_LISTS.contains(next)) {
            if (!FUNCTIONS.contains(t) && !AGGREGATIONS.contains(t)) {
              problems.add("unknown function " + t);
            }
            operandEnded = false;
          } else if (word) {
            metrics.add(t);
            operandEnded = true;
          } else {
            operandEnded = operand;
          }
        }
      }
    }
    if (!open.isEmpty()) {
      problems.add("unclosed (");
    }
  }

  /** {@code by (a, b)} and the like: label names, not metrics. Returns the index of the closing bracket. */
  private int labelList(List<String> tokens, int at) {
    int i = at + 1;
    if (i >= tokens.size() || !tokens.get(i).equals("(")) {
      if (tokens.get(at).startsWith("group_")) {
        return at; // group_left without labels
      }
      problems.add(tokens.get(at) + " needs a (label, ...) list");
      return at;
    }
    for (i++; i < tokens.size() && !tokens.get(i).equals(")"); i++) {
      if (!tokens.get(i).equals(",") && !tokens.get(i).matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
        problems.add("not a label name in " + tokens.get(at) + "(...): " + tokens.get(i));
      }
    }
    return i;
  }

  /** {@code {name op "value", ...}}. Returns the index of the closing brace. */
  private int matchers(List<String> tokens, int at) {
    int i = at + 1;
    while (i < tokens.size() && !tokens.get(i).equals("}")) {
      if (i + 2 >= tokens.size() || !tokens.get(i).matches("[a-zA-Z_][a-zA-Z0-9_]*")
          || !tokens.get(i + 1).matches("=|!=|=~|!~") || !tokens.get(i + 2).startsWith("\"")) {
        problems.add("bad label matcher at " + tokens.get(i));
        return skipTo(tokens, i, "}");
      }
      i += 3;
      if (i < tokens.size() && tokens.get(i).equals(",")) {
        i++;
      }
    }
    if (i >= tokens.size()) {
      problems.add("unclosed {");
    }
    return i;
  }

  /** {@code [5m]} or a subquery {@code [1h:5m]}. Returns the index of the closing bracket. */
  private int range(List<String> tokens, int at) {
    int close = skipTo(tokens, at, "]");
    List<String> inside = tokens.subList(at + 1, Math.min(close, tokens.size()));
    boolean ok = inside.size() == 1 && DURATION.matcher(inside.get(0)).matches()
        || inside.size() == 3 && DURATION.matcher(inside.get(0)).matches() && inside.get(1).equals(":")
        && DURATION.matcher(inside.get(2)).matches();
    if (!ok) {
      problems.add("bad range " + inside);
    }
    return close;
  }

  private int skipTo(List<String> tokens, int from, String close) {
    int i = from;
    while (i < tokens.size() && !tokens.get(i).equals(close)) {
      i++;
    }
    if (i >= tokens.size()) {
      problems.add("unclosed before end, expected " + close);
    }
    return i;
  }

  private List<String> tokens(String expr) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(expr);
    int at = 0;
    while (at < expr.length()) {
      if (!m.find(at) || m.start() != at) {
        if (expr.substring(at).isBlank()) {
          break;
        }
        problems.add("cannot read from: " + expr.substring(at, Math.min(expr.length(), at + 20)));
        break;
      }
      for (int g = 1; g <= 4; g++) {
        if (m.group(g) != null) {
          tokens.add(m.group(g));
        }
      }
      at = m.end();
    }
    return tokens;
  }
}
