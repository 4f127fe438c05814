package io.scrapr.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one item field is found in a page: a single value, the list of all matches, or a list of
 * nested sub-items.
 */
public sealed interface Selector permits Selector.Value, Selector.ListOf, Selector.Nested {

  /**
   * One value from the first element a CSS query matches, written {@code css}, {@code css@attr},
   * {@code css@abs:attr}, {@code css@html}, or with an empty query ({@code @href}) for the scope
   * element itself.
   *
   * @param css the CSS query; {@code ""} is the scope element itself; surrounding blanks dropped
   * @param extract what to take from the matched element
   */
  record Value(String css, Extract extract) implements Selector {
    public Value {
      Objects.requireNonNull(css, "css");
      Objects.requireNonNull(extract, "extract");
      css = css.strip();
      if (!css.isEmpty()) {
        String query = css;
        CssCheck.problem(css)
            .ifPresent(
                p -> {
                  throw new IllegalArgumentException("css \"" + query + "\" " + p);
                });
      }
    }

    /**
     * Reads a selector written in the string syntax, e.g. {@code h3 a@abs:href}.
     *
     * @param text the selector string
     * @return the selector it describes
     * @throws IllegalArgumentException naming every problem when the string is not a valid selector
     */
    public static Value parse(String text) {
      Objects.requireNonNull(text, "text");
      List<String> problems = new ArrayList<>();
      return SelectorParser.parse(text, problems::add)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "selector \"" + text + "\" " + String.join("; ", problems)));
    }

    /** Returns this selector in the string syntax, such that {@code parse(syntax())} equals it. */
    public String syntax() {
      return SelectorParser.write(this);
    }
  }

  /**
   * Every element a CSS query matches, each turned into a value; written {@code ["css"]}.
   *
   * @param element the selector applied to each match
   */
  record ListOf(Value element) implements Selector {
    public ListOf {
      Objects.requireNonNull(element, "element");
    }
  }

  /**
   * A list of sub-items, one per element {@code scope} matches, each with the fields of {@code
   * selector} found inside it; written {@code {"scope": "css", "selector": {...}}}.
   *
   * @param scope the CSS query whose matches are the sub-items
   * @param selector the sub-items' fields, in order; copied into an unmodifiable map
   */
  record Nested(String scope, Map<String, Selector> selector) implements Selector {
    public Nested {
      Objects.requireNonNull(scope, "scope");
      scope = scope.strip();
      String query = scope;
      CssCheck.problem(scope)
          .ifPresent(
              p -> {
                throw new IllegalArgumentException("scope \"" + query + "\" " + p);
              });
      selector = SelectorMap.copyOf(selector, "selector");
    }
  }
}
