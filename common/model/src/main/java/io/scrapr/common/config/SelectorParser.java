package io.scrapr.common.config;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the selector string syntax: {@code css}, {@code css@attr}, {@code css@abs:attr}, {@code
 * css@html}, and {@code @...} alone for the scope element itself.
 */
final class SelectorParser {
  private SelectorParser() {}

  /**
   * Reads a selector string, reporting every problem with it.
   *
   * @param text the selector string
   * @param problems receives each problem, worded to follow the field's name
   * @return the selector, or empty when a problem was reported
   */
  static Optional<Selector.Value> parse(String text, Consumer<String> problems) {
    if (text.isBlank()) {
      problems.accept("must not be empty (\"@text\" takes the scope element's own text)");
      return Optional.empty();
    }
    int at = splitAt(text);
    String css = (at < 0 ? text : text.substring(0, at)).strip();
    Optional<String> cssProblem = css.isEmpty() ? Optional.empty() : CssCheck.problem(css);
    cssProblem.ifPresent(problems);
    Optional<Extract> extract =
        at < 0 ? Optional.of(Extract.TEXT) : extract(text.substring(at + 1), problems);
    if (cssProblem.isPresent() || extract.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Selector.Value(css, extract.get()));
  }

  /**
   * Writes a selector in the string syntax, the inverse of {@link #parse}. The scope element's own
   * text needs an explicit {@code @text}: an empty string would say nothing.
   */
  static String write(Selector.Value value) {
    String css = value.css();
    Extract extract = value.extract();
    if (extract instanceof Extract.Attr attr) {
      return css + "@" + attr.name();
    }
    if (extract instanceof Extract.AbsAttr attr) {
      return css + "@" + NameCheck.ABS_PREFIX + attr.name();
    }
    if (extract instanceof Extract.Html) {
      return css + "@" + NameCheck.HTML;
    }
    return css.isEmpty() ? "@" + NameCheck.TEXT : css;
  }

  /**
   * Returns the index of the {@code @} that starts the suffix: the last one outside brackets,
   * parentheses and quotes, and not escaped; -1 when there is none.
   */
  static int splitAt(String text) {
    int at = -1;
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++; // a CSS escape: the next character is literal
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if ((c == ']' || c == ')') && depth > 0) {
        depth--;
      } else if (c == '@' && depth == 0) {
        at = i;
      }
    }
    return at;
  }

  private static Optional<Extract> extract(String suffix, Consumer<String> problems) {
    if (suffix.equals(NameCheck.HTML)) {
      return Optional.of(Extract.HTML);
    }
    if (suffix.equals(NameCheck.TEXT)) {
      return Optional.of(Extract.TEXT);
    }
    boolean absolute = suffix.startsWith(NameCheck.ABS_PREFIX);
    String name = absolute ? suffix.substring(NameCheck.ABS_PREFIX.length()) : suffix;
    Optional<String> problem = NameCheck.attributeProblem(name);
    if (problem.isPresent()) {
      problems.accept(
          "has \"@"
              + suffix
              + "\" where @html, @text, @abs:<attribute> or @<attribute> belongs; the attribute"
              + " name "
              + problem.get());
      return Optional.empty();
    }
    return Optional.of(absolute ? Extract.absAttr(name) : Extract.attr(name));
  }
}
