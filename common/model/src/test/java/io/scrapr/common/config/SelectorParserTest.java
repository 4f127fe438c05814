package io.scrapr.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorParserTest {

  static Stream<Arguments> forms() {
    return Stream.of(
        Arguments.of("h3 a", value("h3 a", Extract.TEXT)),
        Arguments.of("h3 a@title", value("h3 a", Extract.attr("title"))),
        Arguments.of("h3 a@abs:href", value("h3 a", Extract.absAttr("href"))),
        Arguments.of(".summary@html", value(".summary", Extract.HTML)),
        Arguments.of("@href", value("", Extract.attr("href"))),
        Arguments.of("@abs:src", value("", Extract.absAttr("src"))),
        Arguments.of("@html", value("", Extract.HTML)),
        Arguments.of("@text", value("", Extract.TEXT)),
        Arguments.of("div.item@data-id", value("div.item", Extract.attr("data-id"))),
        Arguments.of("svg a@xlink:href", value("svg a", Extract.attr("xlink:href"))));
  }

  static Stream<Arguments> splits() {
    return Stream.of(
        Arguments.of(
            "a[href^=mailto:x@y]@href", value("a[href^=mailto:x@y]", Extract.attr("href"))),
        Arguments.of("a[href^=mailto:x@y]", value("a[href^=mailto:x@y]", Extract.TEXT)),
        Arguments.of("p:contains(a@b)", value("p:contains(a@b)", Extract.TEXT)),
        Arguments.of("p:contains(a@b)@class", value("p:contains(a@b)", Extract.attr("class"))),
        Arguments.of("a[title='x@y]']@href", value("a[title='x@y]']", Extract.attr("href"))),
        Arguments.of(
            "a[title=\"x@y\"]@abs:href", value("a[title=\"x@y\"]", Extract.absAttr("href"))),
        Arguments.of("p:contains(\"a)b@c\")", value("p:contains(\"a)b@c\")", Extract.TEXT)),
        Arguments.of("a\\@b@href", value("a\\@b", Extract.attr("href"))),
        Arguments.of("  h3 a @title", value("h3 a", Extract.attr("title"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void every_string_form_reads_as_its_css_and_extraction(String text, Selector.Value expected) {
    assertThat(parse(text)).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("splits")
  void the_suffix_starts_at_the_last_at_sign_outside_brackets_parentheses_quotes_and_escapes(
      String text, Selector.Value expected) {
    assertThat(parse(text)).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "h3 a",
        "h3 a@title",
        "h3 a@abs:href",
        ".x@html",
        "@href",
        "@text",
        "a[href^=mailto:x@y]@href",
        "a\\@b@href"
      })
  void a_selector_written_in_its_syntax_reads_back_the_same(String text) {
    Selector.Value value = Selector.Value.parse(text);

    assertThat(Selector.Value.parse(value.syntax())).isEqualTo(value);
  }

  @Test
  void an_unbalanced_bracket_keeps_the_at_sign_in_the_css_and_jsoup_names_the_problem() {
    assertThat(problems("a[href@x"))
        .singleElement()
        .asString()
        .startsWith("is not a valid CSS selector: ");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h3 a@", "h3 a@abs:", "@"})
  void an_at_sign_without_an_attribute_name_is_refused(String text) {
    assertThat(problems(text))
        .singleElement()
        .asString()
        .contains("where @html, @text, @abs:<attribute> or @<attribute> belongs")
        .endsWith("the attribute name must not be empty");
  }

  @Test
  void an_attribute_name_with_a_space_is_refused_with_the_allowed_pattern() {
    assertThat(problems("a@foo bar"))
        .containsExactly(
            "has \"@foo bar\" where @html, @text, @abs:<attribute> or @<attribute> belongs; the"
                + " attribute name must match [A-Za-z_][-A-Za-z0-9_:.]{0,99}");
  }

  @Test
  void invalid_css_is_refused_with_jsoups_reason() {
    assertThat(problems("div >@href"))
        .containsExactly(
            "is not a valid CSS selector: Could not parse query 'div >': unexpected token at ''");
  }

  @Test
  void invalid_css_and_an_invalid_suffix_are_both_reported() {
    assertThat(problems("div >@")).hasSize(2);
  }

  @Test
  void an_empty_selector_is_refused_with_the_way_to_say_the_scope_element_itself() {
    assertThat(problems(" "))
        .containsExactly("must not be empty (\"@text\" takes the scope element's own text)");
  }

  @Test
  void a_selector_longer_than_1000_characters_is_refused() {
    assertThat(problems("a".repeat(1001))).containsExactly("must be at most 1000 characters");
  }

  @Test
  void value_parse_throws_with_every_problem_named() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Selector.Value.parse("div >@"))
        .withMessageStartingWith("selector \"div >@\" is not a valid CSS selector")
        .withMessageContaining("; has \"@\"");
  }

  @Test
  void a_value_refuses_css_jsoup_cannot_parse() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> value("a[", Extract.TEXT))
        .withMessageContaining("is not a valid CSS selector");
  }

  @Test
  void attribute_extractions_refuse_reserved_and_malformed_names() {
    assertThatIllegalArgumentException().isThrownBy(() -> Extract.attr("html"));
    assertThatIllegalArgumentException().isThrownBy(() -> Extract.attr("abs:href"));
    assertThatIllegalArgumentException().isThrownBy(() -> Extract.absAttr("a b"));
  }

  private static Selector.Value value(String css, Extract extract) {
    return new Selector.Value(css, extract);
  }

  private static Optional<Selector.Value> parse(String text) {
    List<String> problems = new ArrayList<>();
    Optional<Selector.Value> value = SelectorParser.parse(text, problems::add);
    assertThat(problems).as("problems with %s", text).isEmpty();
    return value;
  }

  private static List<String> problems(String text) {
    List<String> problems = new ArrayList<>();
    assertThat(SelectorParser.parse(text, problems::add)).isEmpty();
    return problems;
  }
}
