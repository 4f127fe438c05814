package io.scrapr.common.config;

import static io.scrapr.common.config.ConfigBody.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.errors.FieldError;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScraperRulesTest {

  private static List<FieldError> refusing(String path, Object value) {
    return ConfigBody.minimal().set(path, value).errors();
  }

  private static FieldError error(String field, String message) {
    return new FieldError(field, message);
  }

  @Test
  void a_missing_scraper_is_refused() {
    assertThat(ConfigBody.minimal().remove("scraper").errors())
        .containsExactly(error("scraper", "is required"));
  }

  @Test
  void a_scraper_that_is_not_an_object_is_refused() {
    assertThat(refusing("scraper", "https://news.example/"))
        .containsExactly(error("scraper", "must be an object, was a string"));
  }

  @Test
  void an_unknown_scraper_field_is_refused_with_the_allowed_ones() {
    assertThat(refusing("scraper.pages", 3))
        .containsExactly(
            error(
                "scraper.pages",
                "unknown field; allowed here: source, scope, selector, paginate, limit, headers,"
                    + " headerHosts, delayMs, robots"));
  }

  @Test
  void a_missing_source_is_refused() {
    assertThat(ConfigBody.minimal().remove("scraper.source").errors())
        .containsExactly(error("scraper.source", "is required"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"/catalogue/page-1.html", "books.example/page", "file:///etc/passwd"})
  void a_source_that_is_not_an_absolute_http_url_is_refused(String url) {
    assertThat(refusing("scraper.source", url))
        .containsExactly(
            error(
                "scraper.source",
                "must be an absolute http(s) URL, e.g. https://example.com/page"));
  }

  @Test
  void a_source_without_a_host_is_refused() {
    assertThat(refusing("scraper.source", "https:///page"))
        .containsExactly(
            error("scraper.source", "must be an absolute http(s) URL with a host name"));
  }

  @Test
  void a_source_that_is_not_a_url_at_all_is_refused_with_the_reason() {
    assertThat(refusing("scraper.source", "https://books.example/a b"))
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("scraper.source"))
        .satisfies(
            e ->
                assertThat(e.message())
                    .startsWith("must be an absolute http(s) URL (Illegal character"));
  }

  @Test
  void a_source_longer_than_2000_characters_is_refused() {
    assertThat(refusing("scraper.source", "https://books.example/" + "a".repeat(2000)))
        .containsExactly(error("scraper.source", "must be at most 2000 characters"));
  }

  @Test
  void a_scope_jsoup_cannot_parse_is_refused_with_jsoups_reason() {
    assertThat(refusing("scraper.scope", "article >"))
        .containsExactly(
            error(
                "scraper.scope",
                "is not a valid CSS selector: Could not parse query 'article >': unexpected token"
                    + " at ''"));
  }

  @Test
  void an_empty_scope_is_refused() {
    assertThat(refusing("scraper.scope", " "))
        .containsExactly(error("scraper.scope", "must not be empty"));
  }

  @Test
  void a_missing_selector_is_refused() {
    assertThat(ConfigBody.minimal().remove("scraper.selector").errors())
        .containsExactly(error("scraper.selector", "is required"));
  }

  @Test
  void an_empty_selector_is_refused() {
    assertThat(refusing("scraper.selector", json("{}")))
        .containsExactly(error("scraper.selector", "must name at least one field"));
  }

  @Test
  void a_selector_that_is_not_an_object_is_refused() {
    assertThat(refusing("scraper.selector", "h1"))
        .containsExactly(
            error(
                "scraper.selector",
                "must be an object mapping field names to selectors, was a string"));
  }

  @Test
  void more_than_50_selector_fields_are_refused_with_the_limit() {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < 51; i++) {
      fields.put("f" + i, "p");
    }

    assertThat(refusing("scraper.selector", fields))
        .containsExactly(
            error(
                "scraper.selector",
                "has 51 fields counting those of nested selectors; at most 50 are allowed"));
  }

  @Test
  void paginate_is_read_as_a_value_selector() {
    assertThat(
            ConfigBody.minimal()
                .set("scraper.paginate", "a.next@abs:href")
                .parse()
                .scraper()
                .paginate())
        .contains(new Selector.Value("a.next", Extract.absAttr("href")));
  }

  @Test
  void paginate_written_as_a_list_is_refused() {
    assertThat(refusing("scraper.paginate", List.of("a.next@abs:href")))
        .containsExactly(
            error(
                "scraper.paginate",
                "must be a selector string such as \"li.next a@abs:href\", was an array"));
  }

  @Test
  void paginate_with_invalid_css_is_refused() {
    assertThat(refusing("scraper.paginate", "li.next >@abs:href"))
        .extracting(FieldError::field, FieldError::message)
        .singleElement()
        .asString()
        .contains("scraper.paginate", "is not a valid CSS selector");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, -1})
  void a_limit_below_one_is_refused(int limit) {
    assertThat(refusing("scraper.limit", limit))
        .containsExactly(error("scraper.limit", "must be at least 1"));
  }

  @Test
  void a_limit_above_1000_is_refused() {
    assertThat(refusing("scraper.limit", 1001))
        .containsExactly(error("scraper.limit", "must be at most 1000"));
  }

  @Test
  void a_limit_given_as_a_string_is_reported_as_the_wrong_type() {
    assertThat(refusing("scraper.limit", "50"))
        .containsExactly(error("scraper.limit", "must be an integer, was a string"));
  }

  @Test
  void headers_are_kept_in_order() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "scrapr/1");
    headers.put("Cookie", "a=b");
    headers.put("Accept-Language", "de");

    assertThat(ConfigBody.minimal().set("scraper.headers", headers).parse().scraper().headers())
        .containsExactly(
            Map.entry("User-Agent", "scrapr/1"),
            Map.entry("Cookie", "a=b"),
            Map.entry("Accept-Language", "de"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Host", "content-length", "Transfer-Encoding", "CONNECTION", "Upgrade"})
  void headers_the_http_client_owns_are_refused(String name) {
    assertThat(refusing("scraper.headers", Map.of(name, "x")))
        .containsExactly(
            error(
                "scraper.headers." + name,
                "is set by the scraper's HTTP client and cannot be configured"));
  }

  @Test
  void a_header_name_that_is_not_a_token_is_refused() {
    assertThat(refusing("scraper.headers", Map.of("User Agent", "x")))
        .containsExactly(
            error(
                "scraper.headers.User Agent",
                "is not a valid header name (RFC 9110 token: letters, digits,"
                    + " !#$%&'*+-.^_`|~)"));
  }

  @Test
  void a_header_value_that_is_not_a_string_is_refused() {
    assertThat(refusing("scraper.headers", Map.of("User-Agent", 5)))
        .containsExactly(error("scraper.headers.User-Agent", "must be a string, was an integer"));
  }

  @Test
  void a_header_value_with_a_line_break_is_refused() {
    assertThat(refusing("scraper.headers", Map.of("Cookie", "a=b\r\nX-Evil: 1")))
        .containsExactly(
            error(
                "scraper.headers.Cookie",
                "must not contain line breaks or other control characters"));
  }

  @Test
  void a_header_given_twice_in_different_case_is_refused() {
    assertThat(refusing("scraper.headers", json("{'Accept': 'a', 'accept': 'b'}")))
        .containsExactly(
            error("scraper.headers.accept", "repeats a header already given (names ignore case)"));
  }

  @Test
  void more_than_50_headers_are_refused_with_the_limit() {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < 51; i++) {
      headers.put("X-H" + i, "v");
    }

    assertThat(refusing("scraper.headers", headers))
        .containsExactly(error("scraper.headers", "has 51 headers; at most 50 are allowed"));
  }

  @Test
  void headers_that_are_not_an_object_are_refused() {
    assertThat(refusing("scraper.headers", List.of("User-Agent: x")))
        .containsExactly(
            error(
                "scraper.headers",
                "must be an object of header names to string values, was an array"));
  }

  @Test
  void a_negative_delay_is_refused() {
    assertThat(refusing("scraper.delayMs", -1))
        .containsExactly(error("scraper.delayMs", "must be at least 0 milliseconds"));
  }

  @Test
  void a_delay_above_a_minute_is_refused() {
    assertThat(refusing("scraper.delayMs", 60_001))
        .containsExactly(error("scraper.delayMs", "must be at most 60000 milliseconds"));
  }

  @Test
  void a_delay_given_as_a_decimal_is_reported_as_the_wrong_type() {
    assertThat(refusing("scraper.delayMs", 1.5))
        .containsExactly(error("scraper.delayMs", "must be an integer, was a decimal number"));
  }

  @Test
  void robots_given_as_a_string_is_reported_as_the_wrong_type() {
    assertThat(refusing("scraper.robots", "false"))
        .containsExactly(error("scraper.robots", "must be true or false, was a string"));
  }

  @Test
  void every_scraper_setting_is_read() {
    ScraperSpec scraper =
        ConfigBody.minimal()
            .set("scraper.scope", "article")
            .set("scraper.limit", 7)
            .set("scraper.delayMs", 0)
            .set("scraper.robots", false)
            .parse()
            .scraper();

    assertThat(scraper.source()).isEqualTo(URI.create("http://news.example/"));
    assertThat(scraper.scope()).contains("article");
    assertThat(scraper.limit()).isEqualTo(7);
    assertThat(scraper.delayMs()).isZero();
    assertThat(scraper.robots()).isFalse();
  }
}
