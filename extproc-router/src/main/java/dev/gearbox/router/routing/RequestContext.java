package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.router.request.Message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A request as signals see it: headers, the requested model and the conversation, with derived text computed once
 * and shared by every signal that asks. One instance per request; not thread-safe.
 */
public final class RequestContext {
  /**
   * Scan steps a request may take on a transport thread: ~1 ms at RE2/J's slowest measured ~10 ns per step (a regex
   * of 58 instructions over 1 KB took 0.65 ms); a decision that needs more is made on the workers.
   */
  static final long INLINE_SCAN_STEPS = 100_000;
  private final Map<String, String> headers;
  private final String requestedModel;
  private final List<Message> messages;
  private final Integer maxOutputTokens;
  private final Map<Object, Object> memo = new HashMap<>(4);
  private final List<String> signalsRun = new ArrayList<>(4);
  private boolean modelRunsRefused;
  private long deadlineNanos = Long.MAX_VALUE;
  private long inlineSteps;
  private String lastUserText;
  private String path;
  private String conversationText;

  /** @param headers request headers with lower-case names (pseudo-headers such as :path included) */
  public RequestContext(Map<String, String> headers, String requestedModel, List<Message> messages,
      Integer maxOutputTokens) {
    this.headers = headers;
    this.requestedModel = requestedModel;
    this.messages = messages;
    this.maxOutputTokens = maxOutputTokens;
  }

  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  public String host() {
    String authority = headers.getOrDefault(":authority", headers.getOrDefault("host", ""));
    int colon = authority.lastIndexOf(':');
    return (colon > 0 && authority.indexOf(']') < colon ? authority.substring(0, colon) : authority)
        .toLowerCase(Locale.ROOT);
  }

  /** The path as the tier resolves it: no query, no repeated or trailing slashes, no dot segments. */
  public String path() {
    if (path == null) {
      path = RequestShape.normalisedPath(headers.getOrDefault(":path", ""));
    }
    return path;
  }

  public String requestedModel() {
    return requestedModel;
  }

  public List<Message> messages() {
    return messages;
  }

  public Integer maxOutputTokens() {
    return maxOutputTokens;
  }

  /** Messages other than system/developer instructions. */
  public int turnCount() {
    int turns = 0;
    for (Message m : messages) {
      if (!m.role().equals("system") && !m.role().equals("developer")) {
        turns++;
      }
    }
    return turns;
  }

  public String text(Scope scope) {
    return scope == Scope.Conversation ? conversationText() : lastUserText();
  }

  /** The last user message, or the last message of any role when no user spoke. */
  public String lastUserText() {
    if (lastUserText == null) {
      lastUserText = "";
      for (int i = messages.size() - 1; i >= 0; i--) {
        if (messages.get(i).fromUser()) {
          lastUserText = messages.get(i).text();
          break;
        }
      }
      if (lastUserText.isEmpty() && !messages.isEmpty()) {
        lastUserText = messages.get(messages.size() - 1).text();
      }
    }
    return lastUserText;
  }

  /**
   * The user turns before the last one, newest first: at most {@code turns} of them and {@code chars} characters in
   * all (the oldest one kept may be cut short).
   */
  public List<String> earlierUserTexts(int turns, int chars) {
    List<String> earlier = new ArrayList<>();
    int last = -1;
    for (int i = messages.size() - 1; i >= 0 && last < 0; i--) {
      if (messages.get(i).fromUser()) {
        last = i;
      }
    }
    int left = chars;
    for (int i = last - 1; i >= 0 && earlier.size() < turns && left > 0; i--) {
      if (messages.get(i).fromUser() && !messages.get(i).text().isEmpty()) {
        String text = messages.get(i).text();
        earlier.add(text.length() <= left ? text : text.substring(0, left));
        left -= Math.min(left, text.length());
      }
    }
    return earlier;
  }

  /**
   * Before a call that may wait (a shared session store): refuses, like a model run, where the request must not
   * block, so the decision goes on on a worker.
   */
  public void mayWait() {
    if (modelRunsRefused) {
      throw new ModelRunRefused();
    }
  }

  public String conversationText() {
    if (conversationText == null) {
      StringBuilder all = new StringBuilder();
      for (Message m : messages) {
        if (!all.isEmpty()) {
          all.append('\n');
        }
        all.append(m.text());
      }
      conversationText = all.toString();
    }
    return conversationText;
  }

  /** The scoped text lower-cased, once per request and scope. */
  LowerCaseText lowerCase(Scope scope) {
    return memo(scope, () -> new LowerCaseText(text(scope)));
  }

  public int estimatedTokens(Scope scope) {
    return TokenEstimate.ofLength(textLength(scope));
  }

  /** The scoped text's length; a conversation's is counted without joining it, as most requests never need it. */
  private int textLength(Scope scope) {
    if (scope != Scope.Conversation || conversationText != null) {
      return text(scope).length();
    }
    int length = 0;
    for (Message m : messages) {
      length += (length > 0 ? 1 : 0) + m.text().length(); // the newline conversationText() puts between texts
    }
    return length;
  }

  /**
   * The request is being decided on a thread that must not block: {@link #modelRun}, {@link #mayWait} and long
   * {@link #scanning} refuse, and the decision goes on in {@link #onWorker} with what was computed here.
   */
  void inline() {
    modelRunsRefused = true;
  }

  /**
   * The request is being decided where models may run and calls may wait; scans through {@link #timed} end the
   * decision once {@code nanoTime} passes {@code deadlineNanos}.
   */
  void onWorker(long deadlineNanos) {
    modelRunsRefused = false;
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Accounts for a scan of at most {@code steps} steps (a regex: program size times text). On a thread that must not
   * block, the request's scans may take {@link #INLINE_SCAN_STEPS} together; past that the decision is refused there
   * and goes on on the workers, as a model run does.
   *
   * @throws ModelRunRefused when model runs are refused and the scans would pass the inline budget
   */
  void scanning(long steps) {
    inlineSteps += steps;
    if (modelRunsRefused && inlineSteps > INLINE_SCAN_STEPS) {
      throw new ModelRunRefused();
    }
  }

  /** The text for a long scan: reading it past the decision's deadline throws {@link DecisionTimeout}. */
  CharSequence timed(String text) {
    return deadlineNanos == Long.MAX_VALUE ? text : new DeadlineText(text, deadlineNanos);
  }

  /**
   * A value that takes a model run (an embedding), computed at most once per request.
   *
   * @throws ModelRunRefused when model runs are refused and the value is not known yet
   */
  public <T> T modelRun(Object key, Supplier<T> compute) {
    if (modelRunsRefused && !memo.containsKey(key)) {
      throw new ModelRunRefused();
    }
    return memo(key, compute);
  }

  /** Notes that a rule was tested or a signal run, for the decision's explanation. */
  public void ran(String signal) {
    signalsRun.add(signal);
  }

  /** What {@link #ran} noted so far, as a read-only view: a context lives for one request. */
  public List<String> signalsRun() {
    return Collections.unmodifiableList(signalsRun);
  }

  /** A value computed at most once per request (a score, lower-cased text), shared by the signals that need it. */
  @SuppressWarnings("unchecked")
  public <T> T memo(Object key, Supplier<T> compute) {
    Object value = memo.get(key);
    if (value == null) {
      value = compute.get();
      memo.put(key, value);
    }
    return (T) value;
  }
}
