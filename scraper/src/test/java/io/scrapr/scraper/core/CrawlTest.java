package io.scrapr.scraper.core;

import static io.scrapr.scraper.Fixtures.selectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.config.ScraperSpec;
import io.scrapr.common.config.Selector;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrawlTest {
  private static final String BASE = "https://books.example/catalogue/";

  private final FixtureSite site =
      new FixtureSite()
          .serve(BASE + "page-1.html", "catalogue-1.html")
          .serve(BASE + "page-2.html", "catalogue-2.html")
          .serve(BASE + "page-3.html", "catalogue-3.html")
          .serve(BASE + "loop-a.html", "loop-a.html")
          .serve(BASE + "loop-b.html", "loop-b.html");
  private final List<Map<String, Object>> sunk = new ArrayList<>();

  private static ScraperSpec catalogue(String source, int limit) {
    return spec(source, "article.product", "li.next a@abs:href", limit, "title", "h3 a@title");
  }

  private static ScraperSpec spec(
      String source, String scope, String paginate, int limit, Object... fields) {
    return new ScraperSpec(
        URI.create(source),
        Optional.of(scope),
        selectors(fields),
        Optional.of(Selector.Value.parse(paginate)),
        limit,
        Map.of(),
        0,
        true);
  }

  private Crawl.Result crawl(ScraperSpec spec) {
    return new Crawl("c1", site, () -> false).run(spec, sunk::addAll);
  }

  @Test
  void pagination_follows_next_links_and_appends_each_pages_items_in_order() {
    Crawl.Result result = crawl(catalogue(BASE + "page-1.html", 50));

    assertThat(site.fetched())
        .containsExactly(
            URI.create(BASE + "page-1.html"),
            URI.create(BASE + "page-2.html"),
            URI.create(BASE + "page-3.html"));
    assertThat(sunk)
        .extracting(i -> i.get("title"))
        .containsExactly(
            "A Light in the Attic",
            "Tipping the Velvet",
            "Sharp Objects",
            "Sapiens",
            "The Requiem Red");
    assertThat(result.pages()).isEqualTo(3);
    assertThat(result.items()).isEqualTo(5); // the third product has no title: nothing to keep
    assertThat(result.errors()).isEmpty();
  }

  @Test
  void the_limit_stops_pagination_after_that_many_pages() {
    Crawl.Result result = crawl(catalogue(BASE + "page-1.html", 2));

    assertThat(site.fetched()).hasSize(2);
    assertThat(result.pages()).isEqualTo(2);
    assertThat(sunk).hasSize(4);
  }

  @Test
  void the_default_limit_of_one_page_ignores_the_next_link() {
    crawl(catalogue(BASE + "page-1.html", ScraperSpec.DEFAULT_LIMIT));

    assertThat(site.fetched()).containsExactly(URI.create(BASE + "page-1.html"));
  }

  @Test
  void a_pagination_loop_ends_at_the_first_page_already_seen() {
    Crawl.Result result =
        crawl(spec(BASE + "loop-a.html", "div.row", "a.next@abs:href", 100, "name", ".name"));

    assertThat(site.fetched())
        .containsExactly(URI.create(BASE + "loop-a.html"), URI.create(BASE + "loop-b.html"));
    assertThat(sunk).extracting(i -> i.get("name")).containsExactly("alpha", "beta");
    assertThat(result.errors()).isEmpty();
  }

  @Test
  void a_page_that_fails_ends_the_crawl_keeping_what_was_found_before() {
    FixtureSite broken =
        new FixtureSite().serve(BASE + "page-1.html", "catalogue-1.html"); // page 2 is a 404

    Crawl.Result result =
        new Crawl("c1", broken, () -> false).run(catalogue(BASE + "page-1.html", 10), sunk::addAll);

    assertThat(result.pages()).isEqualTo(1);
    assertThat(sunk).hasSize(2);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.url()).isEqualTo(BASE + "page-2.html");
              assertThat(e.reason()).isEqualTo("http_status");
              assertThat(e.message()).contains("404");
            });
  }

  @Test
  void a_crawl_that_is_cancelled_fetches_nothing_more() {
    Crawl.Result result =
        new Crawl("c1", site, () -> true).run(catalogue(BASE + "page-1.html", 10), sunk::addAll);

    assertThat(site.fetched()).isEmpty();
    assertThat(result.errors()).extracting(RunError::reason).containsExactly("cancelled");
  }

  @Test
  void when_the_spool_fails_the_crawl_stops_and_says_so() {
    Crawl.Result result =
        new Crawl("c1", site, () -> false)
            .run(
                catalogue(BASE + "page-1.html", 10),
                items -> {
                  throw new SpoolException("Redis is unreachable", null);
                });

    assertThat(site.fetched()).hasSize(1);
    assertThat(result.spoolFailure())
        .hasValueSatisfying(e -> assertThat(e).hasMessage("Redis is unreachable"));
    assertThat(result.errors()).isEmpty();
  }
}
