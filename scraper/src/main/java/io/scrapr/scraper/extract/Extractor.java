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

/**
 * Turns a parsed page into items with a configuration's selectors: every match of {@code scope} is
 * one item (the whole page when there is no scope), and each field is a value, a list of values or
 * a list of nested sub-items. No I/O. A selector that matches nothing yields {@code null} (or
 * {@code []} for lists), never an exception. Bounded: at most {@value #MAX_ITEMS_PER_PAGE} items a
 * page, a size cap per item, and a {@link Deadline} that stops even a runaway selector.
 */
public final class Extractor {
  /** The most scope matches of one page that become items; the rest are left out. */
  public static final int MAX_ITEMS_PER_PAGE = 10_000;

  /** Receives a page's items one at a time, in page order, as they are extracted. */
  public interface ItemSink {
    /**
     * Takes one item.
     *
     * @param index the item's scope match on the page, from 0
     * @param item the item's fields
     */
    void item(int index, Map<String, Object> item);

    /**
     * Hears of an item left out because its values alone exceed the size cap.
     *
     * @param index the item's scope match on the page, from 0
     * @param atLeastChars how many characters of values it had when it was left out
     */
    void tooLarge(int index, long atLeastChars);
  }

  /**
   * What extracting a page did.
   *
   * @param matched how many elements the scope matched (1 without a scope)
   * @param extracted how many of them were turned into items (at most {@link #MAX_ITEMS_PER_PAGE}),
   *     including those left out as empty or too large
   */
  public record Outcome(int matched, int extracted) {}

  private final Queries queries;
  private final long maxItemChars;
  private long itemChars;

  private Extractor(Document page, Deadline deadline, long maxItemChars) {
    this.queries = new Queries(page, deadline);
    this.maxItemChars = maxItemChars;
  }

  /**
   * Extracts the items of a page and hands each to the sink as soon as it is complete. Items in
   * which every field is null or empty are left out: they carry nothing (a decorative element
   * matching the scope, or a page without the expected content).
   *
   * @param page the parsed page; its base URI resolves relative URLs
   * @param scope the CSS query whose matches are the items; empty: the page is one item
   * @param selector the fields, in order
   * @param maxItemChars the most characters of values one item may have; one with more is left out
   *     as soon as it is seen, and reported to the sink
   * @param deadline when extraction must stop
   * @param sink receives the items: maps from field to a String, null, a list of strings, or a list
   *     of nested items
   * @return how many elements the scope matched and how many became items
   * @throws ExtractionStoppedException when the deadline passed or the thread was interrupted; the
   *     items handed over before stay with the sink
   */
  public static Outcome extract(
      Document page,
      Optional<String> scope,
      Map<String, Selector> selector,
      long maxItemChars,
      Deadline deadline,
      ItemSink sink)
      throws ExtractionStoppedException {
    Extractor extractor = new Extractor(page, deadline, maxItemChars);
    try {
      List<Element> roots =
          scope.isPresent() ? extractor.queries.select(page, scope.get()) : List.of(page);
      int extracted = Math.min(roots.size(), MAX_ITEMS_PER_PAGE);
      for (int i = 0; i < extracted; i++) {
        extractor.itemChars = 0;
        Map<String, Object> item;
        try {
          item = extractor.item(roots.get(i), selector);
        } catch (TooLarge e) {
          sink.tooLarge(i, extractor.itemChars);
          continue;
        }
        if (!isEmpty(item)) {
          sink.item(i, item);
        }
      }
      return new Outcome(roots.size(), extracted);
    } catch (Deadline.Stop e) {
      throw new ExtractionStoppedException(e.reason, deadline.limit());
    }
  }

  /**
   * Extracts the items of a page without a deadline or size cap (an interrupt still stops it), for
   * callers that want them as a list.
   *
   * @return the items, in page order
   */
  public static List<Map<String, Object>> items(
      Document page, Optional<String> scope, Map<String, Selector> selector) {
    List<Map<String, Object>> items = new ArrayList<>();
    try {
      extract(
          page,
          scope,
          selector,
          Long.MAX_VALUE,
          Deadline.none(),
          new ItemSink() {
            @Override
            public void item(int index, Map<String, Object> item) {
              items.add(item);
            }

            @Override
            public void tooLarge(int index, long atLeastChars) {}
          });
    } catch (ExtractionStoppedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("extraction was interrupted", e);
    }
    return items;
  }

  /**
   * Finds the next page's URL with the {@code paginate} selector.
   *
   * @param page the parsed page
   * @param paginate the selector of the next page's URL, usually {@code ...@abs:href}
   * @param deadline when the search must stop
   * @return the absolute http(s) URL, without fragment, or empty when there is none
   * @throws ExtractionStoppedException when the deadline passed or the thread was interrupted
   */
  public static Optional<URI> nextPage(Document page, Selector.Value paginate, Deadline deadline)
      throws ExtractionStoppedException {
    Object value;
    try {
      value = new Extractor(page, deadline, Long.MAX_VALUE).value(page, paginate);
    } catch (Deadline.Stop e) {
      throw new ExtractionStoppedException(e.reason, deadline.limit());
    }
    if (!(value instanceof String text) || text.isBlank()) {
      return Optional.empty();
    }
    // Text and plain attributes may hold relative URLs: resolve them as a link on the page would.
    Element link = new Element(Tag.valueOf("a"), page.baseUri());
    link.attr("href", text.strip());
    return UrlText.toHttpUri(link.absUrl("href"));
  }

  /**
   * Finds the next page's URL without a deadline; see {@link #nextPage(Document, Selector.Value,
   * Deadline)}.
   */
  public static Optional<URI> nextPage(Document page, Selector.Value paginate) {
    try {
      return nextPage(page, paginate, Deadline.none());
    } catch (ExtractionStoppedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("extraction was interrupted", e);
    }
  }

  private Map<String, Object> item(Element root, Map<String, Selector> selector) {
    Map<String, Object> item = new LinkedHashMap<>();
    selector.forEach((field, s) -> item.put(field, value(root, s)));
    return item;
  }

  private Object value(Element root, Selector selector) {
    if (selector instanceof Selector.Value v) {
      Element element = v.css().isEmpty() ? root : queries.first(root, v.css());
      return element == null ? null : extract(element, v.extract());
    }
    if (selector instanceof Selector.ListOf list) {
      Selector.Value v = list.element();
      List<Element> matches = v.css().isEmpty() ? List.of(root) : queries.select(root, v.css());
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
    List<Map<String, Object>> items = new ArrayList<>();
    for (Element match : queries.select(root, nested.scope())) {
      Map<String, Object> item = item(match, nested.selector());
      if (!isEmpty(item)) {
        items.add(item);
      }
    }
    return items;
  }

  private String extract(Element element, Extract extract) {
    String value;
    if (extract instanceof Extract.Attr attr) {
      value = element.hasAttr(attr.name()) ? element.attr(attr.name()).strip() : null;
    } else if (extract instanceof Extract.AbsAttr attr) {
      String url = element.absUrl(attr.name());
      value = url.isEmpty() ? null : url;
    } else if (extract instanceof Extract.Html) {
      value = element.html();
    } else {
      value = element.text().strip();
    }
    if (value != null) {
      itemChars += value.length();
      if (itemChars > maxItemChars) {
        throw new TooLarge();
      }
    }
    return value;
  }

  private static boolean isEmpty(Map<String, Object> item) {
    for (Object value : item.values()) {
      if (value instanceof Collection<?> c ? !c.isEmpty() : value != null) {
        return false;
      }
    }
    return true;
  }

  /** Leaves an item out as soon as its values pass the size cap, before it takes more memory. */
  private static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super(null, null, false, false);
    }
  }
}
