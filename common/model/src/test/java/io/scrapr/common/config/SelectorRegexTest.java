package io.scrapr.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.config.SelectorRegex.Input;
import org.jsoup.select.Selector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding the regular expressions of a CSS query exactly as jsoup reads them. */
class SelectorRegexTest {

  @Test
  void each_pseudo_class_and_the_attribute_operator_is_found_with_what_it_matches() {
    assertThat(
            SelectorRegex.in(
                "li:matches(a) p:matchesOwn(b):matchesWholeText(c), a:matchesWholeOwnText(d)"
                    + "[HREF~=\\.pdf$]:matchesAttr( Title , x+ )"))
        .containsExactly(
            new SelectorRegex(Input.TEXT, "", "a"),
            new SelectorRegex(Input.OWN_TEXT, "", "b"),
            new SelectorRegex(Input.WHOLE_TEXT, "", "c"),
            new SelectorRegex(Input.WHOLE_OWN_TEXT, "", "d"),
            new SelectorRegex(Input.ATTRIBUTE, "href", "\\.pdf$"),
            new SelectorRegex(Input.ATTRIBUTE, "title", "x+"));
  }

  @Test
  void regexes_inside_has_not_and_is_are_found() {
    assertThat(SelectorRegex.in("li:has(p:matches(x)):not(:is(b:matchesOwn(y)))"))
        .extracting(SelectorRegex::pattern)
        .containsExactly("x", "y");
  }

  @Test
  void text_arguments_strings_and_attribute_values_hold_no_regex() {
    assertThat(
            SelectorRegex.in(
                "p:contains(:matches(x)) a[title=':matches(y)'] b[data-x=\":matches(z)\"]"))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "p:matches((a)(b))",
        "p:matches(\\(w)",
        "p:matches([')'])",
        "p:matches(\\Q)\\E)",
        "p:matches( spaced )",
        "a[title~= x ]"
      })
  void the_pattern_is_the_one_jsoup_compiles(String css) {
    SelectorRegex regex = SelectorRegex.in(css).get(0);

    // jsoup writes each evaluator back with the pattern it compiled.
    String written = Selector.evaluatorOf(css).toString();
    assertThat(written).contains(regex.pattern());
    assertThat(written)
        .endsWith(
            regex.input() == Input.ATTRIBUTE
                ? "~=" + regex.pattern() + "]"
                : regex.pattern() + ")");
  }
}
