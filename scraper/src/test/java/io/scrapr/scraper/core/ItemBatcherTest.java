package io.scrapr.scraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ItemBatcherTest {
  private final List<Batch> appended = new ArrayList<>();
  private final BatchQueue queue =
      new BatchQueue() {
        @Override
        public void append(Batch batch) {
          appended.add(batch);
        }

        @Override
        public void ensureReachable() {}
      };
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
  private final DeliveryState delivery = new DeliveryState(clock);

  private static List<Map<String, Object>> items(int from, int to) {
    return IntStream.range(from, to).<Map<String, Object>>mapToObj(i -> Map.of("n", i)).toList();
  }

  @Test
  void items_go_out_in_batches_of_at_most_the_batch_size_and_a_last_smaller_one() {
    ItemBatcher batcher = new ItemBatcher(queue, delivery, "books", "c1", List.of("url"), 3, clock);

    batcher.add(items(0, 4));
    batcher.add(items(4, 7));
    batcher.flush();

    assertThat(appended).extracting(b -> b.items().size()).containsExactly(3, 3, 1);
    assertThat(appended.stream().flatMap(b -> b.items().stream()).map(i -> i.get("n")))
        .containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(batcher.appended()).isEqualTo(7);
  }

  @Test
  void every_batch_carries_the_collection_configuration_key_time_and_its_own_id() {
    ItemBatcher batcher = new ItemBatcher(queue, delivery, "books", "c1", List.of("url"), 2, clock);

    batcher.add(items(0, 3));
    batcher.flush();

    assertThat(appended)
        .allSatisfy(
            b -> {
              assertThat(b.collection()).isEqualTo("books");
              assertThat(b.configId()).isEqualTo("c1");
              assertThat(b.key()).containsExactly("url");
              assertThat(b.scrapedAt()).isEqualTo(clock.instant());
            });
    assertThat(appended).extracting(Batch::batchId).doesNotHaveDuplicates();
  }

  @Test
  void nothing_is_appended_when_there_are_no_items() {
    ItemBatcher batcher = new ItemBatcher(queue, delivery, "books", "c1", List.of(), 10, clock);

    batcher.add(List.of());
    batcher.flush();

    assertThat(appended).isEmpty();
  }

  @Test
  void large_items_split_batches_before_the_byte_limit() {
    ItemBatcher batcher = new ItemBatcher(queue, delivery, "books", "c1", List.of(), 1000, clock);
    String big = "x".repeat(3 << 20);

    batcher.add(List.of(Map.of("html", big), Map.of("html", big), Map.of("html", big)));
    batcher.flush();

    assertThat(appended).extracting(b -> b.items().size()).containsExactly(2, 1);
  }

  @Test
  void a_batch_the_spool_refuses_counts_its_items_as_not_spooled_and_is_not_waited_for() {
    BatchQueue full =
        new BatchQueue() {
          @Override
          public void append(Batch batch) {
            if (!appended.isEmpty()) {
              throw new SpoolFullException(batch.batchId(), 70_000, 65_536);
            }
            appended.add(batch);
          }

          @Override
          public void ensureReachable() {}
        };
    ItemBatcher batcher = new ItemBatcher(full, delivery, "books", "c1", List.of(), 2, clock);

    batcher.add(items(0, 2));
    assertThatThrownBy(() -> batcher.add(items(2, 5))).isInstanceOf(SpoolFullException.class);
    batcher.flush();

    assertThat(batcher.appended()).isEqualTo(2);
    // The refused batch's two items and the one after them, which the crawl never batched.
    assertThat(batcher.unspooled()).isEqualTo(3);
    assertThat(batcher.batchIds()).containsExactly(appended.get(0).batchId());
  }
}
