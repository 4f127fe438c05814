package io.scrapr.endpoint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityTagTest {
  private static final PageQuery DEFAULTS = PageQuery.defaults();

  @Test
  void a_query_spelled_differently_but_asking_the_same_gets_the_same_tag() {
    PageQuery spelledOut = new PageQuery(0, 100, false, Projection.all(), Format.JSON);
    PageQuery omitA = query(Projection.omit(List.of("b", "a")));
    PageQuery omitB = query(Projection.omit(List.of("a", "b", "a")));

    assertThat(EntityTag.of("v1", spelledOut)).isEqualTo(EntityTag.of("v1", DEFAULTS));
    assertThat(spelledOut.isDefault()).isTrue();
    assertThat(EntityTag.of("v1", omitA)).isEqualTo(EntityTag.of("v1", omitB));
  }

  @Test
  void anything_that_changes_the_body_changes_the_tag() {
    String tag = EntityTag.of("v1", DEFAULTS);

    assertThat(EntityTag.of("v2", DEFAULTS)).isNotEqualTo(tag);
    assertThat(EntityTag.of("v1", new PageQuery(1, 100, false, Projection.all(), Format.JSON)))
        .isNotEqualTo(tag);
    assertThat(EntityTag.of("v1", new PageQuery(0, 100, true, Projection.all(), Format.JSON)))
        .isNotEqualTo(tag);
    assertThat(EntityTag.of("v1", new PageQuery(0, 100, false, Projection.all(), Format.CSV)))
        .isNotEqualTo(tag);
    assertThat(EntityTag.of("v1", query(Projection.only(List.of("b", "a")))))
        .isNotEqualTo(EntityTag.of("v1", query(Projection.only(List.of("a", "b")))));
  }

  @Test
  void tags_are_strong_and_quoted() {
    assertThat(EntityTag.of("v1", DEFAULTS)).startsWith("\"v1-").endsWith("\"");
  }

  @Test
  void if_none_match_accepts_a_list_weak_forms_and_the_wildcard() {
    String tag = EntityTag.of("v1", DEFAULTS);

    assertThat(EntityTag.matches(tag, tag)).isTrue();
    assertThat(EntityTag.matches("\"other\", " + tag, tag)).isTrue();
    assertThat(EntityTag.matches("W/" + tag, tag)).isTrue();
    assertThat(EntityTag.matches("*", tag)).isTrue();
    assertThat(EntityTag.matches("\"other\"", tag)).isFalse();
    assertThat(EntityTag.matches(null, tag)).isFalse();
    assertThat(EntityTag.matches(" ", tag)).isFalse();
  }

  private static PageQuery query(Projection projection) {
    return new PageQuery(0, 100, false, projection, Format.JSON);
  }
}
