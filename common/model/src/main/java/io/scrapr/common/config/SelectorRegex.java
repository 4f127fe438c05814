package io.scrapr.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A regular expression a CSS query makes jsoup run, and on what: {@code :matches(re)} on an
 * element's text, {@code :matchesOwn(re)} on its own text, {@code :matchesWholeText(re)} and {@code
 * :matchesWholeOwnText(re)} on its unnormalised text, {@code [attr~=re]} and {@code
 * :matchesAttr(attr, re)} on an attribute's value. The configuration refuses the ones that can
 * backtrack without end; the scraper runs the others against every element first, under its
 * extraction deadline, before jsoup does.
 *
 * @param input what the expression is matched against
 * @param attribute the attribute's name for {@link Input#ATTRIBUTE}, lower case; empty otherwise
 * @param pattern the expression exactly as jsoup compiles it
 */
public record SelectorRegex(Input input, String attribute, String pattern) {

  /** What jsoup matches an expression against. */
  public enum Input {
    /** {@code Element.text()}. */
    TEXT,
    /** {@code Element.ownText()}. */
    OWN_TEXT,
    /** {@code Element.wholeText()}. */
    WHOLE_TEXT,
    /** {@code Element.wholeOwnText()}. */
    WHOLE_OWN_TEXT,
    /** {@code Element.attr(attribute)}, for elements that have it. */
    ATTRIBUTE
  }

  private static final Map<String, Input> PSEUDOS =
      Map.of(
          "matches", Input.TEXT,
          "matchesOwn", Input.OWN_TEXT,
          "matchesWholeText", Input.WHOLE_TEXT,
          "matchesWholeOwnText", Input.WHOLE_OWN_TEXT,
          "matchesAttr", Input.ATTRIBUTE);
  private static final List<String> ATTRIBUTE_OPERATORS =
      List.of("=", "!=", "^=", "$=", "*=", "~=");

  public SelectorRegex {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(pattern, "pattern");
  }

  /**
   * Returns the regular expressions a CSS query holds, in order, found the way jsoup's query parser
   * finds them (balanced parentheses, quotes and {@code \Q...\E} respected). Text arguments of
   * {@code :contains(...)} and its variants are skipped.
   *
   * @param css a CSS query, e.g. {@code li:has(p:matches(\d+ stars))}
   */
  public static List<SelectorRegex> in(String css) {
    Objects.requireNonNull(css, "css");
    return new Scan(css).regexes();
  }

  /** Returns whether a CSS query uses a node selector such as {@code ::text} outside a string. */
  static boolean hasNodeSelector(String css) {
    Scan scan = new Scan(css);
    scan.regexes();
    return scan.nodeSelector;
  }

  private static final class Scan {
    private final String css;
    private final List<SelectorRegex> found = new ArrayList<>();
    private boolean nodeSelector;

    Scan(String css) {
      this.css = css;
    }

    List<SelectorRegex> regexes() {
      int i = 0;
      while (i < css.length()) {
        char c = css.charAt(i);
        if (c == '\\') {
          i += 2;
        } else if (c == '"' || c == '\'') {
          i = afterQuoted(i, c);
        } else if (c == '[') {
          i = attribute(i);
        } else if (css.startsWith("::", i)) {
          nodeSelector = true;
          i += 2;
        } else if (c == ':') {
          i = pseudo(i);
        } else {
          i++;
        }
      }
      return List.copyOf(found);
    }

    private int afterQuoted(int open, char quote) {
      int i = open + 1;
      while (i < css.length() && css.charAt(i) != quote) {
        i += css.charAt(i) == '\\' ? 2 : 1;
      }
      return i + 1;
    }

    private int attribute(int open) {
      Balanced content = balanced(open, '[', ']');
      String inside = content.text();
      for (int p = 0; p < inside.length(); p++) {
        int at = p;
        String operator =
            ATTRIBUTE_OPERATORS.stream()
                .filter(o -> inside.startsWith(o, at))
                .findFirst()
                .orElse(null);
        if (operator != null) {
          if (operator.equals("~=")) {
            found.add(
                new SelectorRegex(
                    Input.ATTRIBUTE, key(inside.substring(0, p)), inside.substring(p + 2)));
          }
          break;
        }
      }
      return content.end();
    }

    private int pseudo(int colon) {
      int i = colon + 1;
      while (i < css.length() && isNameChar(css.charAt(i))) {
        i++;
      }
      String name = css.substring(colon + 1, i);
      Input input = PSEUDOS.get(name);
      boolean text = name.startsWith("contains");
      if ((input == null && !text) || i >= css.length() || css.charAt(i) != '(') {
        return i;
      }
      Balanced argument = balanced(i, '(', ')');
      if (input == Input.ATTRIBUTE) {
        String args = argument.text();
        int comma = args.indexOf(',');
        if (comma >= 0) {
          found.add(
              new SelectorRegex(
                  Input.ATTRIBUTE,
                  key(args.substring(0, comma)),
                  args.substring(comma + 1).strip()));
        }
      } else if (input != null) {
        found.add(new SelectorRegex(input, "", argument.text()));
      }
      return argument.end();
    }

    /**
     * Reads from an opening bracket to its closing one as jsoup's {@code TokenQueue.chompBalanced}
     * does, returning what is between them and the index after the closing one.
     */
    private Balanced balanced(int from, char open, char close) {
      int start = -1;
      int end = -1;
      int depth = 0;
      char last = 0;
      boolean inSingle = false;
      boolean inDouble = false;
      boolean inQuoted = false; // a regex's \Q...\E
      int pos = from;
      do {
        if (pos >= css.length()) {
          break;
        }
        char c = css.charAt(pos++);
        if (last != '\\') {
          if (c == '\'' && c != open && !inDouble) {
            inSingle = !inSingle;
          } else if (c == '"' && c != open && !inSingle) {
            inDouble = !inDouble;
          }
          if (inSingle || inDouble || inQuoted) {
            last = c;
            continue;
          }
          if (c == open) {
            depth++;
            if (start == -1) {
              start = pos;
            }
          } else if (c == close) {
            depth--;
          }
        } else if (c == 'Q') {
          inQuoted = true;
        } else if (c == 'E') {
          inQuoted = false;
        }
        if (depth > 0 && last != 0) {
          end = pos;
        }
        last = c;
      } while (depth > 0);
      return new Balanced(end >= 0 ? css.substring(start, end) : "", pos);
    }

    private static String key(String text) {
      return text.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isNameChar(char c) {
      return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }
  }

  private record Balanced(String text, int end) {}
}
