package io.scrapr.endpoint.core;

import static io.scrapr.endpoint.core.Items.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ItemScanTest {
  /** 2,500 items over several chunks: {@code n} 1..2500, {@code mod} = n % 7, odd ones "odd". */
  private final Snapshot many = many(2_500);

  @Test
  void a_sorted_page_deep_in_the_order_is_the_same_as_sorting_everything() {
    PageQuery query = query(1_000, 5, List.of(new SortKey("mod", true), new SortKey("n", false)));

    ItemScan.Result result = ItemScan.run(many, query);

    List<Integer> expected = new ArrayList<>();
    for (int mod = 6; mod >= 0 && expected.size() < 1_005; mod--) {
      for (int n = 1; n <= 2_500; n++) {
        if (n % 7 == mod) {
          expected.add(n);
        }
      }
    }
    assertThat(numbers(result.items())).isEqualTo(expected.subList(1_000, 1_005));
    assertThat(result.total()).isEqualTo(2_500);
  }

  @Test
  void a_filter_counts_every_match_and_pages_them_in_the_collections_order_or_from_its_end() {
    Selection odd =
        new Selection(
            List.of(new FieldFilter("kind", "odd")),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty());

    ItemScan.Result ascending =
        ItemScan.run(many, new PageQuery(2, 3, false, Projection.all(), Format.JSON, odd));
    ItemScan.Result descending =
        ItemScan.run(many, new PageQuery(0, 2, true, Projection.all(), Format.JSON, odd));

    assertThat(numbers(ascending.items())).containsExactly(5, 7, 9);
    assertThat(ascending.total()).isEqualTo(1_250);
    assertThat(numbers(descending.items())).containsExactly(2_499, 2_497);
  }

  @Test
  void the_feed_gives_items_after_its_place_in_change_order_and_the_place_after_its_page() {
    Selection feed =
        new Selection(
            List.of(),
            Optional.empty(),
            List.of(),
            Optional.of(FeedPosition.since(Instant.parse("2026-01-01T00:40:00Z"))),
            Optional.empty());

    ItemScan.Result result =
        ItemScan.run(many, new PageQuery(0, 3, false, Projection.all(), Format.JSON, feed));

    // Item n changed n minutes after midnight: from minute 40 on.
    assertThat(numbers(result.items())).containsExactly(40, 41, 42);
    assertThat(result.total()).isEqualTo(2_500 - 39);
    FeedPosition next = result.next().orElseThrow();
    assertThat(next.at()).isEqualTo(Instant.parse("2026-01-01T00:42:00Z"));
    assertThat(FeedPosition.fromCursor(next.cursor())).contains(next);
  }

  @Test
  void a_cursor_from_elsewhere_is_not_taken_for_a_place() {
    assertThat(FeedPosition.fromCursor("bm90IGEgY3Vyc29y")).isEmpty();
    assertThat(FeedPosition.fromCursor("%%%")).isEmpty();
    assertThat(FeedPosition.fromCursor("MXx4fGs")).isEmpty();
  }

  @Test
  void values_order_numbers_before_strings_before_booleans_and_missing_last_either_way() {
    List<ObjectNode> items = new ArrayList<>();
    items.add(Items.item("{\"n\":1,\"v\":true}"));
    items.add(Items.item("{\"n\":2,\"v\":\"b\"}"));
    items.add(Items.item("{\"n\":3}"));
    items.add(Items.item("{\"n\":4,\"v\":10}"));
    items.add(Items.item("{\"n\":5,\"v\":\"A\"}"));
    items.add(Items.item("{\"n\":6,\"v\":9.5}"));
    Snapshot snapshot = Items.snapshot(items);

    assertThat(
            numbers(ItemScan.run(snapshot, query(0, 10, List.of(new SortKey("v", false)))).items()))
        .containsExactly(6, 4, 5, 2, 1, 3);
    assertThat(
            numbers(ItemScan.run(snapshot, query(0, 10, List.of(new SortKey("v", true)))).items()))
        .containsExactly(1, 2, 5, 4, 6, 3);
  }

  private static PageQuery query(int offset, int limit, List<SortKey> sort) {
    Selection selection =
        new Selection(List.of(), Optional.empty(), sort, Optional.empty(), Optional.empty());
    return new PageQuery(offset, limit, false, Projection.all(), Format.JSON, selection);
  }

  private static Snapshot many(int count) {
    List<ObjectNode> items = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      ObjectNode item = Json.mapper().createObjectNode().put("n", n).put("mod", n % 7);
      item.put("kind", n % 2 == 1 ? "odd" : "even");
      item.put("_key", String.format("%08d", n));
      item.put("changedAt", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * n).toString());
      items.add(item);
    }
    return Items.snapshot(items);
  }
}
