package io.scrapr.common.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The rules for regular expressions in CSS queries ({@code :matches(re)} and its kin): short, and
 * without the constructs that make Java's backtracking matcher take exponential time on a hostile
 * page: no repeated group that holds a quantifier or alternatives (such as {@code (a+)+}, {@code
 * (.*a){12}}, {@code (a|a)*}), no backreferences, no lookarounds, no comments mode.
 */
final class RegexCheck {
  static final int MAX_LENGTH = 100;

  private static final String NESTED =
      "repeats a group that holds a quantifier or alternatives (such as (a+)+, (.*a){12} or"
          + " (a|a)*), which can take exponential time; repeat a character class instead, e.g."
          + " [a-z0-9,]+";

  /** What a group holds so far. */
  private static final class Group {
    boolean quantified;
    boolean alternatives;
  }

  private RegexCheck() {}

  /** Returns what is wrong with a regular expression, worded to follow its quoted text. */
  static Optional<String> problem(String regex) {
    if (regex.length() > MAX_LENGTH) {
      return Optional.of("is longer than " + MAX_LENGTH + " characters");
    }
    Deque<Group> groups = new ArrayDeque<>();
    groups.push(new Group());
    Group closed = null; // the group that ended just before, for the quantifier that may follow
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      Group last = closed;
      closed = null;
      if (c == '\\') {
        if (i + 1 < regex.length()) {
          char next = regex.charAt(i + 1);
          if ((next >= '1' && next <= '9') || next == 'k') {
            return Optional.of(
                "uses a backreference (\\" + next + "), which can take exponential time");
          }
          if (next == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            i = end < 0 ? regex.length() : end + 2;
            continue;
          }
        }
        i = afterEscape(regex, i);
      } else if (c == '[') {
        i = afterClass(regex, i);
      } else if (c == '(') {
        if (regex.startsWith("(?", i)) {
          Optional<String> construct = groupConstruct(regex, i);
          if (construct.isPresent()) {
            return construct;
          }
          if (isFlagsOnly(regex, i)) {
            i = regex.indexOf(')', i) + 1;
            continue;
          }
        }
        groups.push(new Group());
        i++;
      } else if (c == ')') {
        if (groups.size() > 1) {
          closed = groups.pop();
          groups.peek().quantified |= closed.quantified;
          groups.peek().alternatives |= closed.alternatives;
        }
        i++;
      } else if (c == '|') {
        groups.peek().alternatives = true;
        i++;
      } else if (c == '*' || c == '+' || c == '?' || (c == '{' && isCount(regex, i))) {
        Quantifier q = Quantifier.at(regex, i);
        if (last != null && q.repeats() && (last.quantified || last.alternatives)) {
          return Optional.of(NESTED);
        }
        groups.peek().quantified |= q.variable();
        i = q.end();
      } else {
        i++;
      }
    }
    return Optional.empty();
  }

  /** Refuses lookarounds and comments mode; named, atomic and flag groups are fine. */
  private static Optional<String> groupConstruct(String regex, int open) {
    String rest = regex.substring(open + 2);
    if (rest.startsWith("=")
        || rest.startsWith("!")
        || rest.startsWith("<=")
        || rest.startsWith("<!")) {
      return Optional.of("uses a lookaround ((?=, (?!, (?<=, (?<!), which is not allowed");
    }
    int flagsEnd = 0;
    while (flagsEnd < rest.length() && "idmsuxU-".indexOf(rest.charAt(flagsEnd)) >= 0) {
      flagsEnd++;
    }
    if (rest.substring(0, flagsEnd).contains("x")) {
      return Optional.of("uses the comments flag (?x), which is not allowed");
    }
    return Optional.empty();
  }

  private static boolean isFlagsOnly(String regex, int open) {
    int i = open + 2;
    while (i < regex.length() && "idmsuxU-".indexOf(regex.charAt(i)) >= 0) {
      i++;
    }
    return i < regex.length() && regex.charAt(i) == ')';
  }

  private static int afterEscape(String regex, int backslash) {
    int i = backslash + 2;
    if (i - 1 < regex.length()
        && "pPxN".indexOf(regex.charAt(i - 1)) >= 0
        && i < regex.length()
        && regex.charAt(i) == '{') {
      int close = regex.indexOf('}', i);
      return close < 0 ? regex.length() : close + 1;
    }
    return i;
  }

  private static int afterClass(String regex, int open) {
    int depth = 0;
    int i = open;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i = afterEscape(regex, i);
        continue;
      }
      if (c == '[') {
        depth++;
        // A ']' right after '[' or '[^' is a literal, not the end.
        if (regex.startsWith("^]", i + 1)) {
          i += 2;
        } else if (regex.startsWith("]", i + 1)) {
          i++;
        }
      } else if (c == ']' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return i;
  }

  private static boolean isCount(String regex, int brace) {
    return Quantifier.COUNT.matcher(regex).region(brace, regex.length()).lookingAt();
  }

  /** A quantifier: how often the element before it may repeat. */
  private record Quantifier(long min, long max, int end) {
    static final java.util.regex.Pattern COUNT =
        java.util.regex.Pattern.compile("\\{(\\d{1,9})(,(\\d{0,9}))?}");

    static Quantifier at(String regex, int i) {
      char c = regex.charAt(i);
      long min;
      long max;
      int end;
      if (c == '{') {
        var m = COUNT.matcher(regex).region(i, regex.length());
        m.lookingAt();
        min = Long.parseLong(m.group(1));
        max =
            m.group(2) == null
                ? min
                : m.group(3).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(3));
        end = m.end();
      } else {
        min = c == '+' ? 1 : 0;
        max = c == '?' ? 1 : Long.MAX_VALUE;
        end = i + 1;
      }
      if (end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+')) {
        end++; // lazy or possessive
      }
      return new Quantifier(min, max, end);
    }

    /** Whether the element may appear more than once. */
    boolean repeats() {
      return max > 1;
    }

    /**
     * Whether the number of repetitions is not fixed, e.g. {@code a?}, {@code a+}, {@code a{2,3}}.
     */
    boolean variable() {
      return min != max;
    }
  }
}
