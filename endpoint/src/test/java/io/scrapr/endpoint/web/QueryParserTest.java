package io.scrapr.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.endpoint.core.Format;
import io.scrapr.endpoint.core.PageQuery;
import io.scrapr.endpoint.core.Projection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParserTest {

  @Test
  void no_parameters_is_the_default_query() {
    assertThat(QueryParser.parse(Map.of())).isEqualTo(PageQuery.defaults());
  }

  @Test
  void every_parameter_is_read() {
    PageQuery query =
        QueryParser.parse(
            Map.of(
                "offset", List.of("20"),
                "limit", List.of("0"),
                "desc", List.of("true"),
                "fields", List.of("title, url,,"),
                "format", List.of("csv")));

    assertThat(query)
        .isEqualTo(
            new PageQuery(20, 0, true, Projection.only(List.of("title", "url")), Format.CSV));
  }

  @Test
  void unknown_parameters_are_ignored() {
    assertThat(QueryParser.parse(Map.of("_", List.of("1700000000"))))
        .isEqualTo(PageQuery.defaults());
  }

  @Test
  void every_bad_parameter_is_named_in_one_problem() {
    assertThatThrownBy(
            () ->
                QueryParser.parse(
                    Map.of(
                        "offset", List.of("-1"),
                        "limit", List.of("10001"),
                        "desc", List.of("yes"),
                        "format", List.of("yaml"),
                        "omit", List.of(" , "))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("offset", "limit", "desc", "format", "omit"));
  }

  @Test
  void fields_and_omit_together_are_refused_naming_both() {
    assertThatThrownBy(
            () -> QueryParser.parse(Map.of("fields", List.of("a"), "omit", List.of("b"))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("fields", "omit"));
  }

  @Test
  void a_parameter_given_twice_is_refused() {
    assertThatThrownBy(() -> QueryParser.parse(Map.of("limit", List.of("1", "2"))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("limit"));
  }

  @Test
  void at_most_a_hundred_distinct_field_names_are_taken() {
    String hundred = String.join(",", names(100)) + ",f1";
    String more = String.join(",", names(101));

    assertThat(QueryParser.parse(Map.of("fields", List.of(hundred))).projection().size())
        .isEqualTo(Projection.MAX_FIELDS);
    for (String parameter : List.of("fields", "omit")) {
      assertThatThrownBy(() -> QueryParser.parse(Map.of(parameter, List.of(more))))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> {
                assertThat(e.errors()).extracting(FieldError::field).containsExactly(parameter);
                assertThat(e.errors().get(0).message()).contains("101").contains("at most 100");
              });
    }
  }

  private static List<String> names(int count) {
    List<String> names = new java.util.ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add("f" + i);
    }
    return names;
  }

  @Test
  void a_non_numeric_limit_is_named_with_its_value() {
    assertThatThrownBy(() -> QueryParser.parse(Map.of("limit", List.of("ten"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("limit")
        .hasMessageContaining("'ten'");
  }
}
