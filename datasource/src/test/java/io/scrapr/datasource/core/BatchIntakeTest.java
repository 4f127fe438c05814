package io.scrapr.datasource.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchIntakeTest {
  private final List<String> events = new ArrayList<>();
  private final List<KeyedItem> appended = new ArrayList<>();
  private final Map<String, Integer> marked = new HashMap<>();
  private boolean markRaceLost;

  private final ItemLog log =
      (batch, items) -> {
        events.add("append " + batch.batchId());
        appended.addAll(items);
        return List.of();
      };
  private final BatchMarkers markers =
      new BatchMarkers() {
        @Override
        public Optional<Integer> accepted(String batchId) {
          return Optional.ofNullable(marked.get(batchId));
        }

        @Override
        public boolean mark(ItemBatch batch, int accepted, Instant now) {
          events.add("mark " + batch.batchId());
          if (markRaceLost) {
            return false;
          }
          return marked.putIfAbsent(batch.batchId(), accepted) == null;
        }
      };
  private final CollectionCatalog catalog = (collection, now) -> events.add("know " + collection);
  private final BatchIntake intake =
      new BatchIntake(
          log,
          markers,
          catalog,
          Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));

  private static ItemBatch batch(String batchId, String... urls) {
    List<ObjectNode> items = new ArrayList<>();
    for (String url : urls) {
      items.add(Json.mapper().createObjectNode().put("url", url).put("title", "t " + url));
    }
    return new ItemBatch(
        "books", "cfg-1", batchId, Instant.parse("2026-11-20T09:59:00Z"), List.of("url"), items);
  }

  @Test
  void a_new_batch_is_appended_keyed_and_then_marked() {
    Receipt receipt = intake.accept(batch("b1", "u1", "u2"));

    assertThat(receipt).isEqualTo(new Receipt("b1", 2, false, List.of()));
    assertThat(appended)
        .extracting(KeyedItem::key)
        .containsExactly(
            ItemKey.of(List.of("url"), Json.mapper().createObjectNode().put("url", "u1")),
            ItemKey.of(List.of("url"), Json.mapper().createObjectNode().put("url", "u2")));
    assertThat(events).containsExactly("know books", "append b1", "mark b1");
  }

  @Test
  void a_resent_batch_is_acknowledged_as_a_duplicate_and_not_appended_again() {
    intake.accept(batch("b1", "u1", "u2"));
    events.clear();
    appended.clear();

    Receipt receipt = intake.accept(batch("b1", "u1", "u2"));

    assertThat(receipt).isEqualTo(new Receipt("b1", 2, true, List.of()));
    assertThat(appended).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void a_batch_whose_concurrent_resend_marked_it_first_is_reported_as_a_duplicate() {
    markRaceLost = true;

    Receipt receipt = intake.accept(batch("b1", "u1"));

    assertThat(receipt.duplicate()).isTrue();
  }

  @Test
  void reserved_fields_are_removed_before_the_item_is_keyed_and_appended() {
    ObjectNode item = Json.mapper().createObjectNode().put("url", "u").put("_id", "x");
    item.put("firstSeen", "2000-01-01T00:00:00Z");
    ItemBatch batch =
        new ItemBatch("books", "cfg-1", "b1", Instant.EPOCH, List.of(), List.of(item));

    intake.accept(batch);

    ObjectNode clean = Json.mapper().createObjectNode().put("url", "u");
    assertThat(appended).containsExactly(new KeyedItem(ItemKey.of(List.of(), clean), clean));
  }
}
