package io.scrapr.scraper.extract;

import static io.scrapr.scraper.Fixtures.list;
import static io.scrapr.scraper.Fixtures.nested;
import static io.scrapr.scraper.Fixtures.page;
import static io.scrapr.scraper.Fixtures.selectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.config.Selector;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class ExtractorTest {
  private static final String PAGE_1 = "https://books.example/catalogue/page-1.html";
  private final Document catalogue = page("catalogue-1.html", PAGE_1);

  private List<Map<String, Object>> products(Object... pairs) {
    return Extractor.items(catalogue, Optional.of("article.product"), selectors(pairs));
  }

  @Test
  void every_match_of_the_scope_is_one_item_in_page_order() {
    List<Map<String, Object>> items = products("id", "@data-id");

    assertThat(items).extracting(i -> i.get("id")).containsExactly("101", "102", "103", "ad");
  }

  @Test
  void a_plain_selector_takes_the_first_match_text_trimmed_and_with_blanks_collapsed() {
    List<Map<String, Object>> items = products("availability", ".availability", "name", "h3 a");

    assertThat(items.get(0)).containsEntry("availability", "In stock");
    assertThat(items.get(0)).containsEntry("name", "A Light in the ...");
    Map<String, Object> page =
        Extractor.items(catalogue, Optional.empty(), selectors("heading", "h1")).get(0);
    assertThat(page).containsEntry("heading", "All products");
  }

  @Test
  void an_attribute_selector_takes_the_value_as_written_in_the_page() {
    List<Map<String, Object>> items = products("title", "h3 a@title", "href", "h3 a@href");

    assertThat(items.get(0))
        .containsEntry("title", "A Light in the Attic")
        .containsEntry("href", "a-light-in-the-attic_1000/index.html");
    assertThat(items.get(1)).containsEntry("href", "/catalogue/tipping-the-velvet_999/index.html");
  }

  @Test
  void an_abs_selector_resolves_relative_root_relative_protocol_relative_and_absolute_urls() {
    List<Map<String, Object>> items = products("url", "h3 a@abs:href", "image", "img@abs:src");

    assertThat(items.get(0))
        .containsEntry(
            "url", "https://books.example/catalogue/a-light-in-the-attic_1000/index.html")
        .containsEntry("image", "https://books.example/media/light.jpg");
    assertThat(items.get(1))
        .containsEntry("url", "https://books.example/catalogue/tipping-the-velvet_999/index.html")
        .containsEntry("image", "https://images.example/tipping.jpg");
    assertThat(items.get(2))
        .containsEntry("url", "https://books.example/catalogue/soumission_998/index.html")
        .containsEntry("image", "https://cdn.example/soumission.jpg");
  }

  @Test
  void abs_urls_follow_the_pages_base_element() {
    Document page = page("base-href.html", "https://shop.example/list.html");

    List<Map<String, Object>> items =
        Extractor.items(page, Optional.of("a.item"), selectors("url", "@abs:href"));

    assertThat(items)
        .extracting(i -> i.get("url"))
        .containsExactly("https://cdn.example/shop/widget.html", "https://cdn.example/root.html");
  }

  @Test
  void an_html_selector_takes_the_inner_html() {
    List<Map<String, Object>> items = products("description", ".description@html");

    assertThat(items.get(0)).containsEntry("description", "<p>It's <b>hard</b> to imagine</p>");
  }

  @Test
  void an_empty_css_means_the_scope_element_itself() {
    List<Map<String, Object>> items =
        products("id", "@data-id", "class", "@class", "text", "@text", "html", "@html");

    Map<String, Object> tipping = items.get(1);
    assertThat(tipping)
        .containsEntry("id", "102")
        .containsEntry("class", "product")
        .containsEntry("text", "Tipping the Velvet £53.74 historical");
    assertThat((String) tipping.get("html")).startsWith("<div class=\"image\">");
  }

  @Test
  void a_list_selector_takes_every_match_and_is_empty_when_nothing_matches() {
    List<Map<String, Object>> items =
        products("id", "@data-id", "tags", list("ul.tags li"), "hrefs", list("a@abs:href"));

    assertThat(items.get(0).get("tags")).isEqualTo(List.of("poetry", "classics"));
    assertThat(items.get(1).get("tags")).isEqualTo(List.of("historical"));
    assertThat(items.get(2).get("tags")).isEqualTo(List.of());
    assertThat(items.get(3).get("tags")).isEqualTo(List.of());
    assertThat(items.get(0).get("hrefs"))
        .isEqualTo(List.of("https://books.example/catalogue/a-light-in-the-attic_1000/index.html"));
  }

  @Test
  void a_list_of_attributes_leaves_out_elements_without_the_attribute() {
    List<Map<String, Object>> items =
        Extractor.items(catalogue, Optional.empty(), selectors("alts", list("img@alt")));

    assertThat(items.get(0).get("alts"))
        .isEqualTo(List.of("A Light in the Attic", "Tipping the Velvet"));
  }

  @Test
  void a_nested_selector_gives_one_sub_item_per_match_and_an_empty_list_when_none() {
    List<Map<String, Object>> items =
        products(
            "title",
            "h3 a@title",
            "reviews",
            nested("li.review", "who", ".who", "stars", ".stars@data-stars"));

    assertThat(items.get(0).get("reviews"))
        .isEqualTo(List.of(Map.of("who", "Ann", "stars", "5"), Map.of("who", "Bob", "stars", "3")));
    assertThat(items.get(1).get("reviews")).isEqualTo(List.of());
  }

  @Test
  void nested_selectors_nest_lists_and_deeper_levels() {
    Document page =
        Jsoup.parse(
            "<div class=shelf><h2>A</h2><div class=book><i>x</i><i>y</i>"
                + "<div class=ed><b>1st</b></div><div class=ed><b>2nd</b></div></div></div>",
            "https://books.example/");

    List<Map<String, Object>> items =
        Extractor.items(
            page,
            Optional.of("div.shelf"),
            selectors(
                "name",
                "h2",
                "books",
                nested(
                    "div.book", "marks", list("i"), "editions", nested("div.ed", "label", "b"))));

    assertThat(items)
        .containsExactly(
            Map.of(
                "name",
                "A",
                "books",
                List.of(
                    Map.of(
                        "marks",
                        List.of("x", "y"),
                        "editions",
                        List.of(Map.of("label", "1st"), Map.of("label", "2nd"))))));
  }

  @Test
  void a_selector_that_matches_nothing_gives_null_and_the_item_is_kept() {
    List<Map<String, Object>> items =
        products("id", "@data-id", "title", "h3 a@title", "price", ".price_color", "isbn", ".isbn");

    Map<String, Object> soumission = items.get(2);
    assertThat(soumission).containsEntry("id", "103").containsKeys("title", "price", "isbn");
    assertThat(soumission.get("title")).isNull(); // the link has no title attribute
    assertThat(soumission.get("price")).isNull(); // no price element
    assertThat(soumission.get("isbn")).isNull();
    assertThat(items.get(0).get("isbn")).isNull();
  }

  @Test
  void a_missing_attribute_gives_null_for_plain_and_abs_selectors() {
    List<Map<String, Object>> items =
        products("id", "@data-id", "alt", "img@alt", "abs", "h3 a@abs:data-missing");

    assertThat(items.get(2).get("alt")).isNull();
    assertThat(items.get(0).get("abs")).isNull();
  }

  @Test
  void an_item_in_which_nothing_matched_is_left_out() {
    List<Map<String, Object>> items = products("title", "h3 a", "tags", list("ul.tags li"));

    // The "ad" article matches the scope but has none of the fields.
    assertThat(items).hasSize(3);
  }

  @Test
  void fields_keep_the_order_of_the_configuration() {
    Map<String, Object> item =
        products("zeta", "@data-id", "alpha", "h3 a", "mid", ".price_color").get(0);

    assertThat(item.keySet()).containsExactly("zeta", "alpha", "mid");
  }

  @Test
  void without_a_scope_the_whole_page_is_one_item() {
    List<Map<String, Object>> items =
        Extractor.items(
            catalogue,
            Optional.empty(),
            selectors("title", "title", "first", "h3 a@title", "count", list("article@data-id")));

    assertThat(items).hasSize(1);
    assertThat(items.get(0))
        .containsEntry("title", "All products | Books")
        .containsEntry("first", "A Light in the Attic")
        .containsEntry("count", List.of("101", "102", "103", "ad"));
  }

  @Test
  void a_scope_that_matches_nothing_gives_no_items() {
    assertThat(Extractor.items(catalogue, Optional.of("table.products"), selectors("x", "td")))
        .isEmpty();
  }

  @Test
  void malformed_html_is_repaired_and_still_extracted() {
    Document page = page("malformed.html", "https://broken.example/list/");

    List<Map<String, Object>> items =
        Extractor.items(
            page,
            Optional.of("div.product"),
            selectors(
                "id",
                "@data-id",
                "title",
                "h3 a@title",
                "url",
                "h3 a@abs:href",
                "price",
                ".price"));

    assertThat(items).extracting(i -> i.get("id")).containsExactly("1", "2", "3");
    assertThat(items).extracting(i -> i.get("price")).containsExactly("£1.00", "£2.00", "£3.00");
    assertThat(items.get(0))
        .containsEntry("title", "First")
        .containsEntry("url", "https://broken.example/list/first.html");
    assertThat(items.get(1))
        .containsEntry("title", "Second")
        .containsEntry("url", "https://broken.example/list/second.html");
    assertThat(items.get(2)).containsEntry("title", null).containsEntry("url", null);
    assertThat(Extractor.items(page, Optional.of("div.product[data-id=3]"), selectors("h", "h3")))
        .singleElement()
        .satisfies(i -> assertThat((String) i.get("h")).startsWith("Third & last"));
  }

  @Test
  void an_empty_page_gives_no_items_and_no_next_page() {
    for (String html : List.of("", "   \n", "<html><body></body></html>")) {
      Document page = Jsoup.parse(html, "https://empty.example/");

      assertThat(
              Extractor.items(page, Optional.empty(), selectors("title", "h1", "links", list("a"))))
          .as(html)
          .isEmpty();
      assertThat(Extractor.items(page, Optional.of("article"), selectors("title", "h1"))).isEmpty();
      assertThat(Extractor.nextPage(page, Selector.Value.parse("a.next@abs:href"))).isEmpty();
    }
    assertThat(page("empty.html", "https://empty.example/").text()).isEmpty();
  }

  @Test
  void the_next_page_is_the_absolute_url_the_paginate_selector_finds_without_fragment() {
    assertThat(Extractor.nextPage(catalogue, Selector.Value.parse("li.next a@abs:href")))
        .contains(URI.create("https://books.example/catalogue/page-2.html"));
  }

  @Test
  void a_relative_next_link_from_a_plain_attribute_or_text_is_resolved_against_the_page() {
    assertThat(Extractor.nextPage(catalogue, Selector.Value.parse("li.next a@href")))
        .contains(URI.create("https://books.example/catalogue/page-2.html"));
    Document odd = page("odd-links.html", "https://books.example/catalogue/page-1.html");
    assertThat(Extractor.nextPage(odd, Selector.Value.parse("span.text-link")))
        .contains(URI.create("https://books.example/catalogue/page-9.html"));
    Document base = page("base-href.html", "https://shop.example/list.html");
    assertThat(Extractor.nextPage(base, Selector.Value.parse("a.next@href")))
        .contains(URI.create("https://cdn.example/shop/?page=2"));
  }

  @Test
  void next_links_with_spaces_and_pipes_are_escaped_as_a_browser_would() {
    Document odd = page("odd-links.html", "https://books.example/catalogue/");

    assertThat(Extractor.nextPage(odd, Selector.Value.parse("a.spaced@abs:href")))
        .contains(URI.create("https://books.example/catalogue/next%20page.html?q=a%20b%7Cc"));
  }

  @Test
  void there_is_no_next_page_without_a_link_or_with_a_link_that_is_not_http() {
    Document odd = page("odd-links.html", "https://books.example/catalogue/");

    for (String selector :
        List.of(
            "a.js@abs:href",
            "a.mail@abs:href",
            "a.empty@href",
            "a.missing@abs:href",
            "span.text-link@data-x")) {
      assertThat(Extractor.nextPage(odd, Selector.Value.parse(selector))).as(selector).isEmpty();
    }
    Document last = page("catalogue-3.html", "https://books.example/catalogue/page-3.html");
    assertThat(Extractor.nextPage(last, Selector.Value.parse("li.next a@abs:href"))).isEmpty();
  }
}
