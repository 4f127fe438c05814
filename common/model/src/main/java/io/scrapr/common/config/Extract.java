package io.scrapr.common.config;

import java.util.Objects;

/**
 * What a selector takes from each element it matches: its text, its inner HTML, an attribute, or an
 * attribute resolved to an absolute URL.
 */
public sealed interface Extract permits Extract.Text, Extract.Html, Extract.Attr, Extract.AbsAttr {

  /** The element's text: no suffix, or {@code @text} for the scope element itself. */
  Extract TEXT = new Text();

  /** The element's inner HTML, written {@code @html}. */
  Extract HTML = new Html();

  /**
   * Returns the extraction of one attribute's value, written {@code @name}.
   *
   * @param name the attribute's name, e.g. {@code title}
   * @throws IllegalArgumentException if the name is not a usable attribute name
   */
  static Extract attr(String name) {
    return new Attr(name);
  }

  /**
   * Returns the extraction of one attribute as an absolute URL, written {@code @abs:name}.
   *
   * @param name the attribute's name, e.g. {@code href}
   * @throws IllegalArgumentException if the name is not a usable attribute name
   */
  static Extract absAttr(String name) {
    return new AbsAttr(name);
  }

  /** The element's text. */
  record Text() implements Extract {}

  /** The element's inner HTML. */
  record Html() implements Extract {}

  /**
   * One attribute's value as written in the page.
   *
   * @param name the attribute's name
   */
  record Attr(String name) implements Extract {
    public Attr {
      Objects.requireNonNull(name, "name");
      NameCheck.attributeProblem(name)
          .ifPresent(
              p -> {
                throw new IllegalArgumentException("attribute name \"" + name + "\" " + p);
              });
    }
  }

  /**
   * One attribute's value resolved to an absolute URL against the page it was found on.
   *
   * @param name the attribute's name, e.g. {@code href} or {@code src}
   */
  record AbsAttr(String name) implements Extract {
    public AbsAttr {
      Objects.requireNonNull(name, "name");
      NameCheck.attributeProblem(name)
          .ifPresent(
              p -> {
                throw new IllegalArgumentException("attribute name \"" + name + "\" " + p);
              });
    }
  }
}
