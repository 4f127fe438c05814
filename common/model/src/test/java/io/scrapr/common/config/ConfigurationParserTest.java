package io.scrapr.common.config;

import static io.scrapr.common.config.ConfigBody.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scrapr.common.errors.FieldError;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationParserTest {

  @Test
  void the_design_example_parses_to_the_expected_model() {
    Map<String, Selector> fields = new LinkedHashMap<>();
    fields.put("title", new Selector.Value("h3 a", Extract.attr("title")));
    fields.put("url", new Selector.Value("h3 a", Extract.absAttr("href")));
    fields.put("price", new Selector.Value(".price_color", Extract.TEXT));
    fields.put("tags", new Selector.ListOf(new Selector.Value("ul.tags li", Extract.TEXT)));
    ScraperSpec scraper =
        new ScraperSpec(
            URI.create("https://books.example/catalogue/page-1.html"),
            Optional.of("article.product"),
            fields,
            Optional.of(new Selector.Value("li.next a", Extract.absAttr("href"))),
            50,
            Map.of(),
            List.of(),
            1000,
            true);

    ScrapeConfiguration parsed = ConfigBody.books().parse();

    assertThat(parsed)
        .isEqualTo(
            new ScrapeConfiguration("books", 300, List.of("url"), scraper, Optional.empty()));
    assertThat(parsed.scraper().selector()).containsOnlyKeys("title", "url", "price", "tags");
    assertThat(parsed.scraper().selector().keySet())
        .containsExactly("title", "url", "price", "tags");
  }

  @Test
  void omitted_members_take_their_defaults() {
    ScrapeConfiguration parsed = ConfigBody.minimal().parse();

    assertThat(parsed.key()).isEmpty();
    assertThat(parsed.effectiveKey()).containsExactly("headline");
    assertThat(parsed.notifyUrl()).isEmpty();
    assertThat(parsed.scraper())
        .isEqualTo(
            ScraperSpec.of(
                URI.create("http://news.example/"),
                Map.of("headline", new Selector.Value("h1", Extract.TEXT))));
    assertThat(parsed.scraper().limit()).isEqualTo(1);
    assertThat(parsed.scraper().delayMs()).isEqualTo(1000);
    assertThat(parsed.scraper().robots()).isTrue();
    assertThat(parsed.scraper().headers()).isEmpty();
  }

  @Test
  void null_optional_members_count_as_omitted() {
    ScrapeConfiguration parsed =
        ConfigBody.minimal()
            .set("notify", null)
            .set("key", null)
            .set("scraper.scope", null)
            .set("scraper.limit", null)
            .parse();

    assertThat(parsed).isEqualTo(ConfigBody.minimal().parse());
  }

  static Stream<Arguments> bodiesThatAreNotObjects() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return Stream.of(
        Arguments.of(null, "null"),
        Arguments.of(nodes.nullNode(), "null"),
        Arguments.of(nodes.arrayNode(), "an array"),
        Arguments.of(nodes.numberNode(42), "an integer"),
        Arguments.of(nodes.textNode("books"), "a string"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("bodiesThatAreNotObjects")
  void a_body_that_is_not_an_object_is_refused_as_a_whole(JsonNode body, String kind) {
    assertThat(ConfigBody.errorsOf(body))
        .containsExactly(
            new FieldError(
                "", "must be a JSON object with collection, ttl and scraper, was " + kind));
  }

  @Test
  void an_empty_body_names_every_required_member() {
    assertThat(ConfigBody.errorsOf(json("{}")))
        .containsExactly(
            new FieldError("collection", "is required"),
            new FieldError("ttl", "is required"),
            new FieldError("scraper", "is required"));
  }

  @Test
  void a_body_with_several_problems_reports_all_of_them() {
    List<FieldError> errors =
        ConfigBody.books()
            .set("collection", "Books!")
            .set("ttl", 2)
            .set("key", List.of("isbn"))
            .set("scraper.source", "/catalogue")
            .set("scraper.selector.title", "h3 a@")
            .set("scraper.limit", "fifty")
            .set("colour", "blue")
            .errors();

    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "collection",
            "ttl",
            "key[0]",
            "scraper.source",
            "scraper.selector.title",
            "scraper.limit",
            "colour");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "Books", "-books", "books_2", "books.v2", "a b"})
  void a_collection_name_outside_the_pattern_is_refused_with_the_pattern(String name) {
    assertThat(ConfigBody.minimal().set("collection", name).errors())
        .containsExactly(new FieldError("collection", "must match [a-z0-9][a-z0-9-]{0,47}"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"checkpoints", "configurations"})
  void a_collection_named_like_scraprs_own_data_is_refused(String name) {
    assertThat(ConfigBody.minimal().set("collection", name).errors())
        .containsExactly(
            new FieldError("collection", "is a name scrapr uses for its own data; choose another"));
  }

  @Test
  void a_collection_name_of_49_characters_is_refused() {
    assertThat(ConfigBody.minimal().set("collection", "a".repeat(49)).errors())
        .extracting(FieldError::field)
        .containsExactly("collection");
  }

  @Test
  void a_collection_name_of_48_characters_is_accepted() {
    assertThat(ConfigBody.minimal().set("collection", "b0-" + "a".repeat(45)).parse().collection())
        .hasSize(48);
  }

  @Test
  void a_collection_that_is_not_a_string_is_reported_as_the_wrong_type() {
    assertThat(ConfigBody.minimal().set("collection", 7).errors())
        .containsExactly(new FieldError("collection", "must be a string, was an integer"));
  }

  @Test
  void ttl_below_ten_is_refused_with_the_field_named() {
    assertThat(ConfigBody.minimal().set("ttl", 2).errors())
        .containsExactly(new FieldError("ttl", "must be at least 10 seconds"));
  }

  @Test
  void ttl_above_thirty_days_is_refused() {
    assertThat(ConfigBody.minimal().set("ttl", 2_592_001).errors())
        .containsExactly(new FieldError("ttl", "must be at most 2592000 seconds"));
  }

  @Test
  void ttl_too_large_for_a_long_is_refused_as_too_large() {
    assertThat(ConfigBody.minimal().set("ttl", json("123456789012345678901234567890")).errors())
        .containsExactly(new FieldError("ttl", "must be at most 2592000 seconds"));
  }

  @Test
  void ttl_at_its_bounds_is_accepted() {
    assertThat(ConfigBody.minimal().set("ttl", 10).parse().ttl()).isEqualTo(10);
    assertThat(ConfigBody.minimal().set("ttl", 2_592_000).parse().ttl()).isEqualTo(2_592_000);
  }

  static Stream<Arguments> ttlsOfTheWrongType() {
    return Stream.of(
        Arguments.of(json("300.5"), "a decimal number"),
        Arguments.of(json("300.0"), "a decimal number"),
        Arguments.of(json("'300'"), "a string"),
        Arguments.of(json("true"), "a boolean"),
        Arguments.of(json("[300]"), "an array"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("ttlsOfTheWrongType")
  void a_ttl_that_is_not_an_integer_is_reported_as_the_wrong_type(JsonNode ttl, String kind) {
    assertThat(ConfigBody.minimal().set("ttl", ttl).errors())
        .containsExactly(new FieldError("ttl", "must be an integer, was " + kind));
  }

  @Test
  void key_naming_a_field_not_in_the_selector_is_refused_at_its_index() {
    assertThat(ConfigBody.books().set("key", List.of("url", "isbn")).errors())
        .containsExactly(
            new FieldError("key[1]", "names a field not in scraper.selector: \"isbn\""));
  }

  @Test
  void key_naming_a_field_twice_is_refused() {
    assertThat(ConfigBody.books().set("key", List.of("url", "url")).errors())
        .containsExactly(new FieldError("key[1]", "names \"url\" a second time"));
  }

  @Test
  void key_with_an_empty_or_non_string_entry_is_refused() {
    assertThat(ConfigBody.books().set("key", json("['', 3]")).errors())
        .containsExactly(
            new FieldError("key[0]", "must not be empty"),
            new FieldError("key[1]", "must be a string, was an integer"));
  }

  @Test
  void key_that_is_not_an_array_is_refused() {
    assertThat(ConfigBody.books().set("key", "url").errors())
        .containsExactly(new FieldError("key", "must be an array of field names, was a string"));
  }

  @Test
  void an_empty_key_means_every_field() {
    assertThat(ConfigBody.books().set("key", List.of()).parse().effectiveKey())
        .containsExactly("title", "url", "price", "tags");
  }

  @Test
  void a_key_problem_is_reported_even_when_a_selector_is_invalid_too() {
    assertThat(
            ConfigBody.books()
                .set("key", List.of("isbn"))
                .set("scraper.selector.title", "h3 >")
                .errors())
        .extracting(FieldError::field)
        .containsExactly("key[0]", "scraper.selector.title");
  }

  @Test
  void notify_is_read_as_an_absolute_url() {
    assertThat(ConfigBody.minimal().set("notify", "https://hooks.example/x").parse().notifyUrl())
        .contains(URI.create("https://hooks.example/x"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"/hooks", "ftp://hooks.example/", "mailto:ops@example.com", ""})
  void notify_that_is_not_an_absolute_http_url_is_refused(String url) {
    assertThat(ConfigBody.minimal().set("notify", url).errors())
        .containsExactly(
            new FieldError(
                "notify", "must be an absolute http(s) URL, e.g. https://example.com/page"));
  }

  @Test
  void an_unknown_top_level_field_is_refused_with_the_allowed_ones() {
    assertThat(ConfigBody.minimal().set("schedule", "daily").errors())
        .containsExactly(
            new FieldError(
                "schedule", "unknown field; allowed here: collection, ttl, key, scraper, notify"));
  }
}
