package io.scrapr.standalone;

import io.javalin.Javalin;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local bookshop whose prices a test can change: {@code pages} catalogue pages of {@code perPage}
 * books each, linked by {@code li.next a}.
 */
final class ChangingSite implements AutoCloseable {
  private final Map<String, String> prices = new ConcurrentHashMap<>();
  private final int pages;
  private final int perPage;
  private final Javalin server;

  ChangingSite(int pages, int perPage) {
    this.pages = pages;
    this.perPage = perPage;
    for (int i = 1; i <= pages * perPage; i++) {
      prices.put(slug(i), "£" + (10 + i) + ".00");
    }
    this.server =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.get(
                      "/catalogue/page-{n}.html",
                      ctx -> ctx.html(page(Integer.parseInt(ctx.pathParam("n")))));
                  config.routes.get("/robots.txt", ctx -> ctx.result("User-agent: *\nAllow: /\n"));
                })
            .start("127.0.0.1", 0);
  }

  String firstPage() {
    return "http://127.0.0.1:" + server.port() + "/catalogue/page-1.html";
  }

  int books() {
    return pages * perPage;
  }

  void setPrice(int book, String price) {
    prices.put(slug(book), price);
  }

  static String slug(int book) {
    return "book-" + book;
  }

  private String page(int n) {
    StringBuilder html = new StringBuilder("<html><body><section>");
    for (int i = (n - 1) * perPage + 1; i <= n * perPage; i++) {
      html.append("<article class=\"product\"><h3><a href=\"../books/")
          .append(slug(i))
          .append(".html\" title=\"Book ")
          .append(i)
          .append("\">Book ")
          .append(i)
          .append("</a></h3><p class=\"price_color\">")
          .append(prices.get(slug(i)))
          .append("</p></article>");
    }
    html.append("</section><ul>");
    if (n < pages) {
      html.append("<li class=\"next\"><a href=\"page-")
          .append(n + 1)
          .append(".html\">next</a></li>");
    }
    return html.append("</ul></body></html>").toString();
  }

  @Override
  public void close() {
    server.stop();
  }
}
