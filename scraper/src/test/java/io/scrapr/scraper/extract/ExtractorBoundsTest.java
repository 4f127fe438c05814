package io.scrapr.scraper.extract;

import static io.scrapr.scraper.Fixtures.nested;
import static io.scrapr.scraper.Fixtures.page;
import static io.scrapr.scraper.Fixtures.selectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.config.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The extractor's bounds: its deadline stops any selector, and pages and items are capped. */
class ExtractorBoundsTest {
  // No nested quantifier, so a POST accepts it; on 40 a's and a b it backtracks for hours.
  private static final String RUNAWAY = "p:matches(" + ".*a".repeat(12) + "$)";
  private static final Document HOSTILE =
      Jsoup.parse(
          "<article><h2>title</h2><p>" + "a".repeat(40) + "b</p></article>",
          "https://hostile.example/");

  private final List<Integer> tooLarge = new ArrayList<>();
  private final List<Map<String, Object>> items = new ArrayList<>();
  private final Extractor.ItemSink sink =
      new Extractor.ItemSink() {
        @Override
        public void item(int index, Map<String, Object> item) {
          items.add(item);
        }

        @Override
        public void tooLarge(int index, long atLeastChars) {
          tooLarge.add(index);
        }
      };

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private Extractor.Outcome extract(
      Document page, String scope, Map<String, Selector> selector, long maxChars, Deadline d)
      throws ExtractionStoppedException {
    return Extractor.extract(page, Optional.of(scope), selector, maxChars, d, sink);
  }

  @Test
  void a_runaway_regex_stops_at_the_deadline_instead_of_backtracking_for_hours() {
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                extract(
                    HOSTILE,
                    "article",
                    selectors("title", "h2", "trap", RUNAWAY),
                    Long.MAX_VALUE,
                    Deadline.after(Duration.ofMillis(300))))
        .isInstanceOfSatisfying(
            ExtractionStoppedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ExtractionStoppedException.Reason.DEADLINE);
              assertThat(e.getMessage()).isEqualTo("the selectors did not finish within 300 ms");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void a_runaway_regex_in_the_paginate_selector_is_stopped_too() {
    assertThatThrownBy(
            () ->
                Extractor.nextPage(
                    HOSTILE,
                    Selector.Value.parse(RUNAWAY + "@abs:href"),
                    Deadline.after(Duration.ofMillis(200))))
        .isInstanceOf(ExtractionStoppedException.class);
  }

  @Test
  void the_deadline_is_checked_on_every_element_a_query_visits_even_one_that_matches_nothing() {
    Document catalogue = page("catalogue-1.html", "https://books.example/catalogue/page-1.html");

    assertThatThrownBy(
            () ->
                extract(
                    catalogue,
                    "no-such-element",
                    selectors("t", "h3"),
                    Long.MAX_VALUE,
                    Deadline.after(Duration.ZERO)))
        .isInstanceOf(ExtractionStoppedException.class);
  }

  @Test
  void an_interrupted_thread_stops_extraction_as_the_scraper_closes() {
    Thread.currentThread().interrupt();

    assertThatThrownBy(
            () ->
                extract(HOSTILE, "article", selectors("t", "h2"), Long.MAX_VALUE, Deadline.none()))
        .isInstanceOfSatisfying(
            ExtractionStoppedException.class,
            e -> assertThat(e.reason()).isEqualTo(ExtractionStoppedException.Reason.INTERRUPTED));
  }

  @Test
  void a_scope_matching_more_than_10000_elements_gives_the_first_10000_as_items() throws Exception {
    Document page =
        Jsoup.parse("<ul>" + "<li>x</li>".repeat(Extractor.MAX_ITEMS_PER_PAGE + 1) + "</ul>");

    Extractor.Outcome outcome =
        extract(page, "li", selectors("t", "@text"), Long.MAX_VALUE, Deadline.none());

    assertThat(outcome).isEqualTo(new Extractor.Outcome(10_001, 10_000));
    assertThat(items).hasSize(10_000);
  }

  @Test
  void an_item_whose_values_pass_the_cap_is_left_out_unbuilt_and_the_others_are_kept()
      throws Exception {
    Document page =
        Jsoup.parse(
            "<article><h2>one</h2></article><article><h2>two</h2><ul>"
                + ("<li><p>" + "y".repeat(600) + "</p></li>").repeat(4)
                + "</ul></article><article><h2>three</h2></article>");

    extract(
        page,
        "article",
        selectors("title", "h2", "parts", nested("li", "text", "p")),
        1000,
        Deadline.none());

    assertThat(items).extracting(i -> i.get("title")).containsExactly("one", "three");
    assertThat(tooLarge).containsExactly(1);
  }
}
