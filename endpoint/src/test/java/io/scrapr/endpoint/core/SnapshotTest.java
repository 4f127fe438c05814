package io.scrapr.endpoint.core;

import static io.scrapr.endpoint.core.Items.numbered;
import static io.scrapr.endpoint.core.Items.numbers;
import static io.scrapr.endpoint.core.Items.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private final Snapshot ten = snapshot(numbered(10));

  @Test
  void a_page_is_the_slice_from_offset_of_at_most_limit_items() {
    assertThat(numbers(ten.page(page(0, 3, false)))).containsExactly(1, 2, 3);
    assertThat(numbers(ten.page(page(8, 5, false)))).containsExactly(9, 10);
  }

  @Test
  void a_descending_page_counts_its_offset_from_the_end() {
    assertThat(numbers(ten.page(page(0, 3, true)))).containsExactly(10, 9, 8);
    assertThat(numbers(ten.page(page(8, 5, true)))).containsExactly(2, 1);
  }

  @Test
  void an_offset_past_the_end_or_a_limit_of_zero_gives_no_items() {
    assertThat(ten.page(page(10, 5, false))).isEmpty();
    assertThat(ten.page(page(Integer.MAX_VALUE, 10_000, true))).isEmpty();
    assertThat(ten.page(page(0, 0, false))).isEmpty();
  }

  @Test
  void equal_content_has_equal_versions_and_any_change_a_new_one() {
    Snapshot same = snapshot(numbered(10));
    Snapshot fewer = snapshot(numbered(9));
    Snapshot otherTime = Snapshot.of("books", Optional.of("2026-11-21T10:00:00Z"), numbered(10));

    assertThat(same.version()).isEqualTo(ten.version());
    assertThat(fewer.version()).isNotEqualTo(ten.version());
    assertThat(otherTime.version()).isNotEqualTo(ten.version());
  }

  @Test
  void the_fields_are_the_union_of_every_items_fields_in_order_first_seen() {
    Snapshot mixed =
        snapshot(
            List.of(
                Items.item("{\"title\":\"a\",\"url\":\"u\"}"),
                Items.item("{\"title\":\"b\",\"price\":1}"),
                Items.item("{\"isbn\":\"x\",\"url\":\"v\"}")));

    assertThat(mixed.fields()).containsExactly("title", "url", "price", "isbn");
  }

  private static PageQuery page(int offset, int limit, boolean desc) {
    return new PageQuery(offset, limit, desc, Projection.all(), Format.JSON);
  }
}
