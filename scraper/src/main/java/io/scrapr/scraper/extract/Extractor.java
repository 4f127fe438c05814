package io.scrapr.scraper.extract;

import io.scrapr.common.config.Extract;
import io.scrapr.common.config.Selector;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Tag;
import org.jsoup.select.Elements;

/**
 * Turns a parsed page into items with a configuration's selectors: every match of {@code scope} is
 * one item (the whole page when there is no scope), and each field is a value, a list of values or
 * a list of nested sub-items. Pure: no I/O, no state. A selector that matches nothing yields {@code
 * null} (or {@code []} for lists), never an exception.
 */
public final class Extractor {
  private Extractor() {}

  /**
   * Extracts the items of a page. Items in which every field is null or empty are left out: they
   * carry nothing (a decorative element matching the scope, or a page without the expected
   * content).
   *
   * @param page the parsed page; its base URI resolves relative URLs
   * @param scope the CSS query whose matches are the items; empty: the page is one item
   * @param selector the fields, in order
   * @return the items, each a map from field to a String, null, a list of strings, or a list of
   *     nested items
   */
  public static List<Map<String, Object>> items(
      Document page, Optional<String> scope, Map<String, Selector> selector) {
    List<Element> roots = scope.isPresent() ? select(page, scope.get()) : List.of(page);
    return itemsOf(roots, selector);
  }

  /**
   * Finds the next page's URL with the {@code paginate} selector.
   *
   * @param page the parsed page
   * @param paginate the selector of the next page's URL, usually {@code ...@abs:href}
   * @return the absolute http(s) URL, without fragment, or empty when there is none
   */
  public static Optional<URI> nextPage(Document page, Selector.Value paginate) {
    Object value = value(page, paginate);
    if (!(value instanceof String text) || text.isBlank()) {
      return Optional.empty();
    }
    // Text and plain attributes may hold relative URLs: resolve them as a link on the page would.
    Element link = new Element(Tag.valueOf("a"), page.baseUri());
    link.attr("href", text.strip());
    return UrlText.toHttpUri(link.absUrl("href"));
  }

  private static List<Map<String, Object>> itemsOf(
      List<Element> roots, Map<String, Selector> selector) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Element root : roots) {
      Map<String, Object> item = new LinkedHashMap<>();
      selector.forEach((field, s) -> item.put(field, value(root, s)));
      if (!isEmpty(item)) {
        items.add(item);
      }
    }
    return items;
  }

  private static Object value(Element root, Selector selector) {
    if (selector instanceof Selector.Value v) {
      Element element = v.css().isEmpty() ? root : first(root, v.css());
      return element == null ? null : extract(element, v.extract());
    }
    if (selector instanceof Selector.ListOf list) {
      Selector.Value v = list.element();
      List<Element> matches = v.css().isEmpty() ? List.of(root) : select(root, v.css());
      List<String> values = new ArrayList<>();
      for (Element match : matches) {
        String value = extract(match, v.extract());
        if (value != null) {
          values.add(value);
        }
      }
      return values;
    }
    Selector.Nested nested = (Selector.Nested) selector;
    return itemsOf(select(root, nested.scope()), nested.selector());
  }

  private static String extract(Element element, Extract extract) {
    if (extract instanceof Extract.Attr attr) {
      return element.hasAttr(attr.name()) ? element.attr(attr.name()).strip() : null;
    }
    if (extract instanceof Extract.AbsAttr attr) {
      String url = element.absUrl(attr.name());
      return url.isEmpty() ? null : url;
    }
    if (extract instanceof Extract.Html) {
      return element.html();
    }
    return element.text().strip();
  }

  private static Element first(Element root, String css) {
    try {
      return root.selectFirst(css);
    } catch (org.jsoup.select.Selector.SelectorParseException e) {
      return null; // validated when the configuration was accepted; a newer jsoup may differ
    }
  }

  private static List<Element> select(Element root, String css) {
    try {
      Elements matches = root.select(css);
      return matches;
    } catch (org.jsoup.select.Selector.SelectorParseException e) {
      return List.of();
    }
  }

  private static boolean isEmpty(Map<String, Object> item) {
    for (Object value : item.values()) {
      if (value instanceof Collection<?> c ? !c.isEmpty() : value != null) {
        return false;
      }
    }
    return true;
  }
}
