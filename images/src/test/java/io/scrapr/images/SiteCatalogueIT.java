package io.scrapr.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.site.TestSite;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The test site the image tests and the end-to-end run scrape, in-process: no Docker needed. */
class SiteCatalogueIT {

  @Test
  void following_the_next_links_visits_every_page_and_finds_every_book_once() {
    try (TestSite site = TestSite.start(0, 3, 4)) {
      TestHttp http = TestHttp.onPort(site.port());
      java.util.Set<String> urls = new java.util.LinkedHashSet<>();
      String page = site.firstPage().getPath();
      int pages = 0;
      while (page != null) {
        Document html =
            Jsoup.parse(http.get(page).text(), site.firstPage().resolve(page).toString());
        html.select("article.product h3 a").forEach(a -> urls.add(a.absUrl("href")));
        var next = html.selectFirst("li.next a");
        page = next == null ? null : site.firstPage().resolve(next.attr("href")).getPath();
        pages++;
      }

      assertThat(pages).isEqualTo(3);
      assertThat(urls).hasSize(site.itemCount()).hasSize(12);
      assertThat(http.get(java.net.URI.create(urls.iterator().next()).getPath()).text())
          .contains("Book 1");
    }
  }

  @Test
  void pages_are_the_same_on_every_request() {
    try (TestSite site = TestSite.start(0, 2, 5)) {
      TestHttp http = TestHttp.onPort(site.port());

      assertThat(http.get("/catalogue/page-2.html").text())
          .isEqualTo(http.get("/catalogue/page-2.html").text());
    }
  }

  @Test
  void robots_txt_allows_everything_and_unknown_pages_are_404() {
    try (TestSite site = TestSite.start(0, 1, 1)) {
      TestHttp http = TestHttp.onPort(site.port());

      assertThat(http.get("/robots.txt").text()).contains("Allow: /");
      assertThat(http.get("/catalogue/page-2.html").status()).isEqualTo(404);
      assertThat(http.get("/catalogue/book-2.html").status()).isEqualTo(404);
      assertThat(http.get("/health").status()).isEqualTo(200);
    }
  }
}
