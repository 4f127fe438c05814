package io.scrapr.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {
  @Test
  void parameters_are_split_and_decoded_as_javalin_reads_them() {
    assertThat(QueryString.parse("limit=5&fields=title,url&desc").orElseThrow())
        .containsExactly(
            Map.entry("limit", List.of("5")),
            Map.entry("fields", List.of("title,url")),
            Map.entry("desc", List.of("")));
    assertThat(QueryString.parse("omit=a%2Cb+c&x=1=2").orElseThrow())
        .containsEntry("omit", List.of("a,b c"))
        .containsEntry("x", List.of("1=2"));
    assertThat(QueryString.parse("limit=1&limit=2").orElseThrow())
        .containsEntry("limit", List.of("1", "2"));
  }

  @Test
  void no_query_is_no_parameters() {
    assertThat(QueryString.parse(null).orElseThrow()).isEmpty();
    assertThat(QueryString.parse("").orElseThrow()).isEmpty();
  }

  @Test
  void a_query_that_does_not_decode_is_left_to_the_javalin_route() {
    assertThat(QueryString.parse("limit=%zz")).isEmpty();
    assertThat(QueryString.parse("limit=5&%")).isEmpty();
  }
}
