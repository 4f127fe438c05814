package io.scrapr.common.config;

import java.util.Optional;
import org.jsoup.select.Selector;

/**
 * Tells whether jsoup can run a CSS query, and if not, why, without needing a document: it must
 * parse, select elements (no {@code ::text}-style node selectors), and hold no regular expression
 * that {@link RegexCheck} refuses.
 */
final class CssCheck {
  static final int MAX_LENGTH = 1000;

  private CssCheck() {}

  /**
   * Returns what is wrong with a CSS query, if anything.
   *
   * @param css the query, e.g. {@code article.product h3 a}
   */
  static Optional<String> problem(String css) {
    if (css.isBlank()) {
      return Optional.of("must not be empty");
    }
    if (css.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    try {
      Selector.evaluatorOf(css);
    } catch (Selector.SelectorParseException | IllegalArgumentException e) {
      // jsoup's messages can span lines (a regex error draws a caret); one line reads better.
      String reason = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ").strip();
      return Optional.of("is not a valid CSS selector: " + reason);
    }
    if (SelectorRegex.hasNodeSelector(css)) {
      return Optional.of(
          "uses a node selector (::text, ::comment, ...), which selects no elements; scrapr"
              + " extracts elements");
    }
    for (SelectorRegex regex : SelectorRegex.in(css)) {
      Optional<String> problem = RegexCheck.problem(regex.pattern());
      if (problem.isPresent()) {
        return Optional.of("has the regex \"" + regex.pattern() + "\", which " + problem.get());
      }
    }
    return Optional.empty();
  }
}
