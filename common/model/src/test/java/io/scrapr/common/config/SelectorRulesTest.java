package io.scrapr.common.config;

import static io.scrapr.common.config.ConfigBody.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.errors.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorRulesTest {

  private static final String FIELD = "scraper.selector.reviews";

  private static Selector read(Object selector) {
    return ConfigBody.minimal().set(FIELD, selector).parse().scraper().selector().get("reviews");
  }

  private static List<FieldError> refusing(Object selector) {
    return ConfigBody.minimal().set(FIELD, selector).errors();
  }

  /** A nested selector {@code depth} levels deep. */
  private static JsonNode nestedLevels(int depth) {
    String json = "'p'";
    for (int i = 0; i < depth; i++) {
      json = "{'scope': 'li', 'selector': {'x': " + json + "}}";
    }
    return json(json);
  }

  @Test
  void a_string_is_one_value() {
    assertThat(read("li.review@data-id"))
        .isEqualTo(new Selector.Value("li.review", Extract.attr("data-id")));
  }

  @Test
  void a_one_element_list_is_every_match() {
    assertThat(read(List.of("li.review@abs:href")))
        .isEqualTo(new Selector.ListOf(new Selector.Value("li.review", Extract.absAttr("href"))));
  }

  @Test
  void an_object_with_scope_and_selector_is_a_list_of_sub_items() {
    Selector reviews =
        read(json("{'scope': 'li.review', 'selector': {'stars': '@data-stars', 'text': 'p'}}"));

    assertThat(reviews)
        .isEqualTo(
            new Selector.Nested(
                "li.review",
                Map.of(
                    "stars", new Selector.Value("", Extract.attr("data-stars")),
                    "text", new Selector.Value("p", Extract.TEXT))));
    assertThat(((Selector.Nested) reviews).selector().keySet()).containsExactly("stars", "text");
  }

  @Test
  void a_problem_inside_a_nested_selector_is_named_by_its_full_path() {
    assertThat(refusing(json("{'scope': 'li.review', 'selector': {'stars': 'span >'}}")))
        .containsExactly(
            new FieldError(
                "scraper.selector.reviews.selector.stars",
                "is not a valid CSS selector: Could not parse query 'span >': unexpected token at"
                    + " ''"));
  }

  @Test
  void a_nested_selector_without_scope_or_selector_names_both() {
    assertThat(refusing(json("{}")))
        .containsExactly(
            new FieldError(FIELD + ".scope", "is required"),
            new FieldError(FIELD + ".selector", "is required"));
  }

  @Test
  void a_nested_selector_with_an_unknown_field_is_refused() {
    assertThat(refusing(json("{'scope': 'li', 'selector': {'a': 'p'}, 'limit': 3}")))
        .containsExactly(
            new FieldError(FIELD + ".limit", "unknown field; allowed here: scope, selector"));
  }

  @Test
  void a_nested_selector_with_an_invalid_scope_is_refused() {
    assertThat(refusing(json("{'scope': 'li[', 'selector': {'a': 'p'}}")))
        .extracting(FieldError::field)
        .containsExactly(FIELD + ".scope");
  }

  @Test
  void a_nested_selector_with_no_fields_is_refused() {
    assertThat(refusing(json("{'scope': 'li', 'selector': {}}")))
        .containsExactly(new FieldError(FIELD + ".selector", "must name at least one field"));
  }

  @Test
  void nesting_four_levels_deep_is_refused_at_the_fourth_level_and_three_are_fine() {
    assertThat(refusing(nestedLevels(4)))
        .containsExactly(
            new FieldError(
                FIELD + ".selector.x.selector.x.selector.x",
                "nests selectors more than 3 levels deep"));
    assertThat(read(nestedLevels(3))).isInstanceOf(Selector.Nested.class);
  }

  /** A selector object of {@code top} plain fields and one nested field of {@code inner}. */
  private static Map<String, Object> fieldsWithNested(int top, int inner) {
    Map<String, Object> nested = new java.util.LinkedHashMap<>();
    for (int i = 0; i < inner; i++) {
      nested.put("n" + i, "p");
    }
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    for (int i = 0; i < top; i++) {
      fields.put("f" + i, "p");
    }
    fields.put("reviews", Map.of("scope", "li", "selector", nested));
    return fields;
  }

  @Test
  void fields_of_nested_selectors_count_towards_the_limit_of_fifty() {
    assertThat(ConfigBody.minimal().set("scraper.selector", fieldsWithNested(30, 20)).errors())
        .containsExactly(
            new FieldError(
                "scraper.selector",
                "has 51 fields counting those of nested selectors; at most 50 are allowed"));
    assertThat(
            ConfigBody.minimal()
                .set("scraper.selector", fieldsWithNested(29, 20))
                .parse()
                .scraper()
                .selector())
        .hasSize(30);
  }

  @Test
  void a_selector_built_in_code_with_more_than_fifty_fields_in_all_is_refused() {
    Map<String, Selector> inner = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 26; i++) {
      inner.put("n" + i, Selector.Value.parse("p"));
    }
    Map<String, Selector> fields = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 24; i++) {
      fields.put("f" + i, Selector.Value.parse("p"));
    }
    fields.put("reviews", new Selector.Nested("li", inner));

    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ScraperSpec.of(java.net.URI.create("https://shop.example/"), fields))
        .withMessage("selector names 51 fields counting nested ones, more than 50");
  }

  @Test
  void a_list_of_two_selectors_is_refused() {
    assertThat(refusing(List.of("li", "p")))
        .containsExactly(
            new FieldError(
                FIELD,
                "must be a list of exactly one selector string, such as [\"ul.tags li\"], had 2"));
  }

  @Test
  void a_list_of_an_object_is_refused_at_its_element() {
    assertThat(refusing(json("[{'scope': 'li', 'selector': {'a': 'p'}}]")))
        .containsExactly(
            new FieldError(
                FIELD + "[0]", "must be a selector string such as \"ul.tags li\", was an object"));
  }

  @Test
  void a_list_element_with_invalid_css_is_refused_at_its_element() {
    assertThat(refusing(List.of("ul >")))
        .extracting(FieldError::field)
        .containsExactly(FIELD + "[0]");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"3", "true"})
  void a_selector_of_another_type_is_refused_with_the_forms_allowed(String value) {
    assertThat(refusing(json(value)))
        .singleElement()
        .extracting(FieldError::message)
        .asString()
        .startsWith("must be a selector string, a one-element list such as [\"ul.tags li\"]");
  }

  @Test
  void a_selector_string_longer_than_1000_characters_is_refused() {
    assertThat(refusing("p".repeat(1001)))
        .containsExactly(new FieldError(FIELD, "must be at most 1000 characters"));
  }

  @Test
  void an_empty_field_name_is_refused_at_the_selector_object() {
    assertThat(ConfigBody.minimal().set("scraper.selector", json("{'': 'p'}")).errors())
        .containsExactly(new FieldError("scraper.selector", "field names must not be empty"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"a.b", "$where"})
  void a_field_name_mongodb_cannot_store_is_refused(String name) {
    assertThat(ConfigBody.minimal().set("scraper.selector", Map.of(name, "p")).errors())
        .containsExactly(
            new FieldError(
                "scraper.selector." + name, "field names must not contain '.' or start with '$'"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"_id", "_key", "firstSeen", "lastSeen", "changedAt"})
  void a_field_name_scrapr_keeps_for_itself_is_refused(String name) {
    assertThat(ConfigBody.minimal().set("scraper.selector", Map.of(name, "p")).errors())
        .extracting(FieldError::field, FieldError::message)
        .singleElement()
        .asString()
        .contains("scraper.selector." + name, "is a reserved field name");
  }
}
