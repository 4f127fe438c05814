package io.scrapr.scraper;

import io.scrapr.common.config.Selector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Test data: the HTML pages under {@code src/test/resources/pages}, and selector maps. */
public final class Fixtures {
  private Fixtures() {}

  /** Returns a fixture page's HTML. */
  public static String html(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/pages/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture page " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a fixture page as if it had been fetched from {@code url}. */
  public static Document page(String name, String url) {
    return Jsoup.parse(html(name), url);
  }

  /**
   * Builds an ordered selector map from pairs of field name and selector, where a selector is a
   * {@link Selector} or a string in the selector syntax.
   */
  public static Map<String, Selector> selectors(Object... pairs) {
    Map<String, Selector> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object selector = pairs[i + 1];
      map.put(
          (String) pairs[i],
          selector instanceof Selector s ? s : Selector.Value.parse((String) selector));
    }
    return map;
  }

  /** Returns {@code ["css"]}: the list of all matches. */
  public static Selector list(String selector) {
    return new Selector.ListOf(Selector.Value.parse(selector));
  }

  /** Returns a nested selector: one sub-item per match of {@code scope}. */
  public static Selector nested(String scope, Object... pairs) {
    return new Selector.Nested(scope, selectors(pairs));
  }
}
