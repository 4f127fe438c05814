package io.scrapr.endpoint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionTest {
  private static final List<String> ITEM = List.of("title", "url", "price");

  @Test
  void fields_keeps_the_named_fields_the_item_has_in_the_order_named() {
    assertThat(Projection.only(List.of("price", "title", "isbn")).select(ITEM))
        .containsExactly("price", "title");
  }

  @Test
  void omit_keeps_every_other_field_in_the_items_order() {
    assertThat(Projection.omit(List.of("url", "isbn")).select(ITEM))
        .containsExactly("title", "price");
  }

  @Test
  void all_keeps_everything() {
    assertThat(Projection.all().select(ITEM)).isEqualTo(ITEM);
    assertThat(Projection.all().isAll()).isTrue();
  }

  @Test
  void table_columns_include_fields_asked_for_that_no_item_has() {
    assertThat(Projection.only(List.of("isbn", "title")).columns(ITEM))
        .containsExactly("isbn", "title");
    assertThat(Projection.omit(List.of("url")).columns(ITEM)).containsExactly("title", "price");
  }

  @Test
  void repeated_names_count_once_and_the_order_of_omitted_names_does_not_matter() {
    assertThat(Projection.only(List.of("a", "b", "a")).normalised()).isEqualTo("fields=a,b");
    assertThat(Projection.omit(List.of("b", "a"))).isEqualTo(Projection.omit(List.of("a", "b")));
    assertThat(Projection.only(List.of("b", "a"))).isNotEqualTo(Projection.only(List.of("a", "b")));
  }

  @Test
  void a_projection_names_at_most_a_hundred_distinct_fields() {
    List<String> hundred = new java.util.ArrayList<>();
    for (int i = 0; i < Projection.MAX_FIELDS; i++) {
      hundred.add("f" + i);
    }
    List<String> more = new java.util.ArrayList<>(hundred);
    more.add("one-more");

    assertThat(Projection.only(hundred).size()).isEqualTo(100);
    assertThatThrownBy(() -> Projection.only(more))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 100");
    assertThatThrownBy(() -> Projection.omit(more))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("omit");
  }

  @Test
  void a_projection_must_name_a_field() {
    assertThatThrownBy(() -> Projection.only(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fields");
    assertThatThrownBy(() -> Projection.omit(List.of("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("omit");
  }
}
