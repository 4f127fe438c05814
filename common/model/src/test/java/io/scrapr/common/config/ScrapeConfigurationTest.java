package io.scrapr.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScrapeConfigurationTest {

  private static Map<String, Selector> fields(String... names) {
    Map<String, Selector> fields = new LinkedHashMap<>();
    for (String name : names) {
      fields.put(name, new Selector.Value("." + name, Extract.TEXT));
    }
    return fields;
  }

  private static ScraperSpec scraper(String... fields) {
    return ScraperSpec.of(URI.create("https://shop.example/"), fields(fields));
  }

  private static ScrapeConfiguration keyed(List<String> key) {
    return new ScrapeConfiguration("shop", 60, key, scraper("name", "price"), Optional.empty());
  }

  @Test
  void a_ttl_below_ten_is_refused_by_the_record() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ScrapeConfiguration.of("shop", 9, scraper("name")))
        .withMessage("ttl must be 10..2592000 seconds, was 9");
  }

  @Test
  void a_collection_outside_the_pattern_is_refused_by_the_record() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ScrapeConfiguration.of("Shop", 60, scraper("name")))
        .withMessageContaining("collection must match");
  }

  @Test
  void a_key_naming_a_missing_field_is_refused_by_the_record() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> keyed(List.of("sku")))
        .withMessageContaining("\"sku\"");
  }

  @Test
  void a_key_naming_a_field_twice_is_refused_by_the_record() {
    assertThatIllegalArgumentException().isThrownBy(() -> keyed(List.of("name", "name")));
  }

  @Test
  void a_relative_notify_url_is_refused_by_the_record() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new ScrapeConfiguration(
                    "shop", 60, List.of(), scraper("name"), Optional.of(URI.create("/hook"))));
  }

  @Test
  void the_key_is_copied_and_cannot_be_changed() {
    List<String> key = new ArrayList<>(List.of("name"));
    ScrapeConfiguration configuration = keyed(key);
    key.add("price");

    assertThat(configuration.key()).containsExactly("name");
    assertThatThrownBy(() -> configuration.key().add("price"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void the_effective_key_is_every_field_when_no_key_is_given() {
    assertThat(keyed(List.of()).effectiveKey()).containsExactly("name", "price");
    assertThat(keyed(List.of("price")).effectiveKey()).containsExactly("price");
  }

  @Test
  void selector_fields_keep_their_order_and_cannot_be_changed() {
    Map<String, Selector> fields = fields("c", "a", "b");
    ScraperSpec spec = ScraperSpec.of(URI.create("https://shop.example/"), fields);
    fields.remove("a");

    assertThat(spec.selector().keySet()).containsExactly("c", "a", "b");
    assertThatThrownBy(() -> spec.selector().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void a_scraper_refuses_values_outside_its_ranges() {
    URI source = URI.create("https://shop.example/");
    Map<String, Selector> fields = fields("name");
    Map<String, String> none = Map.of();

    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new ScraperSpec(
                    source,
                    Optional.empty(),
                    fields,
                    Optional.empty(),
                    0,
                    none,
                    List.of(),
                    0,
                    true))
        .withMessage("limit must be 1..1000, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new ScraperSpec(
                    source,
                    Optional.empty(),
                    fields,
                    Optional.empty(),
                    1,
                    none,
                    List.of(),
                    -5,
                    true))
        .withMessage("delayMs must be 0..60000, was -5");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ScraperSpec.of(URI.create("ftp://shop.example/"), fields))
        .withMessageStartingWith("source must be an absolute http(s) URL");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ScraperSpec.of(source, Map.of()))
        .withMessage("selector must name 1..50 fields, was 0");
  }

  @Test
  void a_scraper_refuses_a_header_the_http_client_owns() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new ScraperSpec(
                    URI.create("https://shop.example/"),
                    Optional.empty(),
                    fields("name"),
                    Optional.empty(),
                    1,
                    Map.of("Host", "evil.example"),
                    List.of(),
                    0,
                    true))
        .withMessageContaining("header Host");
  }

  @Test
  void a_nested_selector_refuses_an_invalid_scope_and_an_empty_selector() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Selector.Nested("li >", fields("a")))
        .withMessageContaining("is not a valid CSS selector");
    assertThatIllegalArgumentException().isThrownBy(() -> new Selector.Nested("li", Map.of()));
  }

  @Test
  void a_record_refuses_null_components() {
    assertThatThrownBy(() -> new Selector.Value(null, Extract.TEXT))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("css");
    assertThatThrownBy(() -> ScrapeConfiguration.of("shop", 60, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("scraper");
  }
}
