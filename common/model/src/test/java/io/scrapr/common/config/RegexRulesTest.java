package io.scrapr.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.errors.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which regular expressions in selectors a POST accepts: none that backtracks without end. */
class RegexRulesTest {
  private static final String FIELD = "scraper.selector.headline";

  private static List<FieldError> refusing(String selector) {
    return ConfigBody.minimal().set(FIELD, selector).errors();
  }

  private static void assertAccepted(String selector) {
    assertThat(ConfigBody.minimal().set(FIELD, selector).parse().scraper().selector())
        .containsKey("headline");
  }

  @Test
  void a_repeated_group_holding_a_quantifier_is_refused_naming_the_regex_but_not_as_text() {
    assertThat(refusing("p:matches((.*a){12}$)"))
        .containsExactly(
            new FieldError(
                FIELD,
                "has the regex \"(.*a){12}$\", which repeats a group that holds a quantifier or"
                    + " alternatives (such as (a+)+, (.*a){12} or (a|a)*), which can take"
                    + " exponential time; repeat a character class instead, e.g. [a-z0-9,]+"));
    // The same characters where they are no regex: text to contain, an attribute value.
    assertAccepted("p:contains((.*a){12}$)");
    assertAccepted("a[title=\"(.*a){12}$\"]");
  }

  @ParameterizedTest(name = "{0} refused, {1} accepted")
  @CsvSource(
      delimiter = ';',
      value = {
        "p:matches((a+)+$)                  ; p:matches(a+$)",
        "p:matches((a|a)*b)                 ; p:matches(a*b)",
        "p:matches((?:x|y){2,}z)            ; p:matches([xy]{2,}z)",
        "p:matches(((ab)+c)*)               ; p:matches((abc)*)",
        "p:matches((a?){20}a{20})           ; p:matches(a{20,40})",
        "p:matchesOwn((\\w+\\s?)+$)          ; p:matchesOwn([\\w\\s]+$)",
        "p:matchesWholeText((a|b)+)         ; p:matchesWholeText([ab]+)",
        "p:matchesWholeOwnText((a*)*)       ; p:matchesWholeOwnText(a*)",
        "a[title~=(x+x+)+y]                 ; a[title~=x+y]",
        "a:matchesAttr(title, (x+)+y)       ; a:matchesAttr(title, x+y)",
        "li:has(p:matches((a+)+))           ; li:has(p:matches(a+))",
        "li:not(:matches((a|aa)+$))         ; li:not(:matches(a+$))",
        "h1, p:matches((.*a){3})            ; h1, p:matches((ab){3}\\d+ (?i)stars)"
      })
  void nested_quantifiers_and_repeated_alternatives_are_refused_wherever_the_regex_is(
      String refused, String accepted) {
    assertThat(refusing(refused))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("repeats a group that holds"));
    assertAccepted(accepted);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"p:matches((a)\\1)", "p:matches((?<x>a)\\k<x>)"})
  void a_backreference_is_refused(String selector) {
    assertThat(refusing(selector))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("uses a backreference"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "p:matches(a(?=b))",
        "p:matches(a(?!b))",
        "p:matches((?<=a)b)",
        "p:matches((?<!a)b)"
      })
  void a_lookaround_is_refused(String selector) {
    assertThat(refusing(selector))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("uses a lookaround"));
  }

  @Test
  void the_comments_flag_is_refused_as_it_would_hide_the_structure() {
    assertThat(refusing("p:matches((?x)( a + ) +)"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("uses the comments flag (?x)"));
  }

  @Test
  void a_regex_longer_than_100_characters_is_refused() {
    assertThat(refusing("p:matches(" + "a".repeat(101) + ")"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).endsWith("which is longer than 100 characters"));
    assertAccepted("p:matches(" + "a".repeat(100) + ")");
  }

  @Test
  void a_node_selector_is_refused() {
    assertThat(refusing("p::text"))
        .containsExactly(
            new FieldError(
                FIELD,
                "uses a node selector (::text, ::comment, ...), which selects no elements; scrapr"
                    + " extracts elements"));
  }

  @Test
  void scope_nested_scope_and_paginate_are_checked_too() {
    assertThat(
            ConfigBody.minimal()
                .set("scraper.scope", "li:matches((a+)+)")
                .set("scraper.paginate", "a:matches((b|c)*)@abs:href")
                .errors())
        .extracting(FieldError::field)
        .containsExactly("scraper.scope", "scraper.paginate");
  }
}
