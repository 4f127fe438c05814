package io.scrapr.testkit.site;

/**
 * A deterministic book catalogue: {@code pages} pages of {@code itemsPerPage} books each, the same
 * HTML on every request, so a test knows exactly which items a scrape must find. With {@code
 * tickSeconds > 0} the first page also lists one "tick" item named after the current window of that
 * many seconds, so each window's scrape yields one new item: a test can then tell whether the items
 * of every window arrived (nothing lost) and arrived once.
 *
 * @param pages how many catalogue pages there are (at least 1)
 * @param itemsPerPage how many books each page lists (at least 1)
 * @param tickSeconds the length of a tick window, 0 for no tick item
 */
record Catalogue(int pages, int itemsPerPage, int tickSeconds) {

  Catalogue {
    if (pages < 1 || pages > 100_000) {
      throw new IllegalArgumentException("pages must be 1..100000, was " + pages);
    }
    if (itemsPerPage < 1 || itemsPerPage > 10_000) {
      throw new IllegalArgumentException("itemsPerPage must be 1..10000, was " + itemsPerPage);
    }
    if (tickSeconds < 0) {
      throw new IllegalArgumentException("tickSeconds must be 0 or more, was " + tickSeconds);
    }
  }

  /** Returns the number of books over all pages. */
  int itemCount() {
    return pages * itemsPerPage;
  }

  /** Returns whether {@code page} is one of the catalogue's pages. */
  boolean hasPage(int page) {
    return page >= 1 && page <= pages;
  }

  /** Returns whether {@code book} is one of the catalogue's books. */
  boolean hasBook(int book) {
    return book >= 1 && book <= itemCount();
  }

  /**
   * Renders catalogue page {@code page}: books in {@code article.product}, then {@code li.next}.
   *
   * @param page the page number
   * @param epochSecond the time, which names the tick item on page 1
   */
  String page(int page, long epochSecond) {
    StringBuilder html = new StringBuilder(256 + itemsPerPage * 320);
    html.append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Catalogue, page ")
        .append(page)
        .append("</title></head><body>\n<h1>Catalogue</h1>\n<ol class=\"row\">\n");
    if (tickSeconds > 0 && page == 1) {
      long tick = epochSecond / tickSeconds;
      html.append("<li><article class=\"product\"><h3><a href=\"tick-")
          .append(tick)
          .append(".html\" title=\"Tick ")
          .append(tick)
          .append("\">Tick ")
          .append(tick)
          .append(
              "</a></h3><p class=\"price_color\">£0.00</p><ul class=\"tags\"><li>tick</li></ul>")
          .append("</article></li>\n");
    }
    int first = (page - 1) * itemsPerPage + 1;
    for (int book = first; book < first + itemsPerPage; book++) {
      html.append("<li><article class=\"product\">")
          .append("<h3><a href=\"book-")
          .append(book)
          .append(".html\" title=\"")
          .append(title(book))
          .append("\">")
          .append(title(book))
          .append("</a></h3>")
          .append("<p class=\"price_color\">")
          .append(price(book))
          .append("</p>")
          .append("<ul class=\"tags\"><li>")
          .append(tag(book % 3))
          .append("</li><li>")
          .append(tag(3 + book % 4))
          .append("</li></ul>")
          .append("</article></li>\n");
    }
    html.append("</ol>\n<ul class=\"pager\">");
    if (page > 1) {
      html.append("<li class=\"previous\"><a href=\"page-")
          .append(page - 1)
          .append(".html\">previous</a></li>");
    }
    if (page < pages) {
      html.append("<li class=\"next\"><a href=\"page-")
          .append(page + 1)
          .append(".html\">next</a></li>");
    }
    return html.append("</ul>\n</body></html>\n").toString();
  }

  /** Renders the detail page of one book. */
  String book(int book) {
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>"
        + title(book)
        + "</title></head><body><article class=\"product_page\"><h1>"
        + title(book)
        + "</h1><p class=\"price_color\">"
        + price(book)
        + "</p><p class=\"description\">Book number "
        + book
        + " of "
        + itemCount()
        + ".</p></article></body></html>\n";
  }

  static String title(int book) {
    return "Book " + book;
  }

  static String price(int book) {
    return "£" + (10 + book % 40) + ".99";
  }

  private static String tag(int n) {
    return "tag-" + n;
  }
}
