package io.scrapr.scraper.core;

import static io.scrapr.scraper.Fixtures.selectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.config.ScraperSpec;
import io.scrapr.common.config.Selector;
import io.scrapr.scraper.extract.Extractor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;
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
        List.of(),
        0,
        true);
  }

  private Crawl.Result crawl(ScraperSpec spec) {
    return new Crawl("c1", site, () -> false).run(spec, (item, bytes) -> sunk.add(item));
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
        new Crawl("c1", broken, () -> false)
            .run(catalogue(BASE + "page-1.html", 10), (item, bytes) -> sunk.add(item));

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
        new Crawl("c1", site, () -> true)
            .run(catalogue(BASE + "page-1.html", 10), (item, bytes) -> sunk.add(item));

    assertThat(site.fetched()).isEmpty();
    assertThat(result.errors()).extracting(RunError::reason).containsExactly("cancelled");
  }

  @Test
  void a_run_over_its_budget_stops_before_the_next_page_and_says_so() {
    AtomicLong nanos = new AtomicLong();
    PageSource slow =
        (url, spec) -> {
          nanos.addAndGet(Duration.ofMinutes(40).toNanos()); // each page takes 40 minutes
          return site.fetch(url, spec);
        };
    CrawlLimits limits = new CrawlLimits(Duration.ofSeconds(5), Duration.ofHours(1), 1 << 20);

    Crawl.Result result =
        new Crawl("c1", slow, () -> false, limits, nanos::get)
            .run(catalogue(BASE + "page-1.html", 10), (item, bytes) -> sunk.add(item));

    assertThat(result.pages()).isEqualTo(2);
    assertThat(sunk).hasSize(4);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("run_budget");
              assertThat(e.url()).isEqualTo(BASE + "page-3.html");
              assertThat(e.message())
                  .isEqualTo(
                      "the run reached its budget of 3600000 ms (SCRAPR_RUN_BUDGET_MS) after 2"
                          + " pages; "
                          + BASE
                          + "page-3.html and the pages after it were not scraped");
            });
  }

  @Test
  void a_page_whose_selectors_overrun_the_deadline_ends_the_crawl_keeping_the_pages_before() {
    String hostile =
        "<article class=product><h3><a title=trap>x</a></h3><p>" + "~".repeat(40) + "b</p>";
    PageSource pages =
        (url, spec) ->
            url.toString().endsWith("page-2.html")
                ? new Page(url, Jsoup.parse(hostile, url.toString()), 1, false)
                : site.fetch(url, spec);
    CrawlLimits limits = new CrawlLimits(Duration.ofMillis(300), Duration.ofHours(1), 1 << 20);
    ScraperSpec spec =
        spec(
            BASE + "page-1.html",
            "article.product",
            "li.next a@abs:href",
            10,
            "title",
            "h3 a@title",
            "trap",
            "p:matches(" + ".*~".repeat(12) + "$)");

    Crawl.Result result =
        new Crawl("c1", pages, () -> false, limits, System::nanoTime)
            .run(spec, (item, bytes) -> sunk.add(item));

    assertThat(result.pages()).isEqualTo(2);
    assertThat(sunk).hasSize(2); // page 1's items
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("extraction_timeout");
              assertThat(e.url()).isEqualTo(BASE + "page-2.html");
              assertThat(e.message())
                  .contains("did not finish on " + BASE + "page-2.html within 300 ms");
            });
  }

  @Test
  void items_over_the_size_limit_are_named_by_index_up_to_five_then_counted() {
    StringBuilder html = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      html.append("<article><h3>")
          .append(i % 2 == 0 ? "z".repeat(3000) : "small")
          .append("</h3></article>");
    }
    PageSource big =
        (url, spec) -> new Page(url, Jsoup.parse(html.toString(), url.toString()), 1, false);
    CrawlLimits limits = new CrawlLimits(Duration.ofSeconds(5), Duration.ofHours(1), 1024);

    Crawl.Result result =
        new Crawl("c1", big, () -> false, limits, System::nanoTime)
            .run(
                spec(BASE + "big.html", "article", "a.none@href", 1, "t", "h3"),
                (item, bytes) -> sunk.add(item));

    assertThat(sunk).hasSize(4);
    assertThat(result.items()).isEqualTo(4);
    assertThat(result.errors())
        .extracting(RunError::reason)
        .containsOnly("item_too_large")
        .hasSize(4);
    assertThat(result.errors().get(0).message())
        .startsWith(
            "item 0 of "
                + BASE
                + "big.html has 3000 characters of values or more, more than 1024 bytes");
  }

  @Test
  void a_page_with_more_items_than_allowed_keeps_the_first_ones_and_says_so() {
    String html = "<ul>" + "<li>x</li>".repeat(Extractor.MAX_ITEMS_PER_PAGE + 5) + "</ul>";
    PageSource many = (url, spec) -> new Page(url, Jsoup.parse(html, url.toString()), 1, false);

    Crawl.Result result =
        new Crawl("c1", many, () -> false)
            .run(
                spec(BASE + "many.html", "li", "a.none@href", 1, "t", "@text"),
                (item, bytes) -> sunk.add(item));

    assertThat(sunk).hasSize(Extractor.MAX_ITEMS_PER_PAGE);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("too_many_items");
              assertThat(e.message()).contains("matched 10005 elements", "first 10000");
            });
  }

  @Test
  void when_the_spool_fails_the_crawl_stops_and_says_so() {
    Crawl.Result result =
        new Crawl("c1", site, () -> false)
            .run(
                catalogue(BASE + "page-1.html", 10),
                (item, bytes) -> {
                  throw new SpoolException("Redis is unreachable", null);
                });

    assertThat(site.fetched()).hasSize(1);
    assertThat(result.spoolFailure())
        .hasValueSatisfying(e -> assertThat(e).hasMessage("Redis is unreachable"));
    assertThat(result.errors()).isEmpty();
  }
}
