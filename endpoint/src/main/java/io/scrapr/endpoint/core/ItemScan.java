package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a query that selects or orders items ({@link Selection}) by reading the whole snapshot
 * once, chunk by chunk: each item is parsed, tested, counted, and, when it belongs in the first
 * {@code offset + limit} places of the order asked for, kept as its place (its index and the values
 * it is ordered by, not the item). Then only the page's items are read again. So the heap holds at
 * most {@link Selection#MAX_WINDOW} places and one chunk, whatever the collection's size.
 */
final class ItemScan {
  private static final Logger log = LoggerFactory.getLogger(ItemScan.class);

  /** The fields scrapr adds to every item: a text search looks only at the item's own. */
  private static final Set<String> SCRAPR_FIELDS =
      Set.of(Selection.KEY, "firstSeen", "lastSeen", Selection.CHANGED_AT);

  /**
   * What a scan found.
   *
   * @param items the page's items, in the order asked for
   * @param total how many items the selection holds in all pages
   * @param next the feed's place after this page, for a feed query
   */
  record Result(List<PreparedItem> items, int total, Optional<FeedPosition> next) {}

  /** One item's place in the order: its index and what it is ordered by. */
  private record Place(int index, JsonNode[] values, Instant changedAt, String key) {}

  private ItemScan() {}

  /**
   * Runs a query with a selection.
   *
   * @throws io.scrapr.common.errors.ValidationException naming a sort or filter field no item has
   * @throws StoreUnavailableException when a chunk cannot be read
   */
  static Result run(Snapshot snapshot, PageQuery query) {
    Selection selection = query.selection();
    selection.checkFields(snapshot.fields());
    int window = query.offset() + query.limit();
    Comparator<Place> order = order(query);
    // The head is the last of the places kept, the one a better place pushes out.
    PriorityQueue<Place> kept =
        new PriorityQueue<>(Math.max(1, Math.min(window, 1024)), order.reversed());
    int[] total = {0};
    byte[] keyNeedle =
        selection
            .item()
            .map(k -> ("\"" + Selection.KEY + "\":\"" + k + "\"").getBytes(StandardCharsets.UTF_8))
            .orElse(null);
    snapshot.forEachStored(
        (index, json) -> {
          if (keyNeedle != null && indexOf(json, keyNeedle) < 0) {
            return; // Not the item asked for: no need to parse it.
          }
          ObjectNode item = parse(snapshot, index, json);
          if (item == null || !matches(selection, item)) {
            return;
          }
          total[0]++;
          if (window == 0) {
            return;
          }
          Place place = place(index, item, selection);
          if (kept.size() < window) {
            kept.add(place);
          } else if (order.compare(place, kept.peek()) < 0) {
            kept.poll();
            kept.add(place);
          }
        });
    List<Place> ordered = new ArrayList<>(kept);
    ordered.sort(order);
    List<Place> page = ordered.subList(Math.min(query.offset(), ordered.size()), ordered.size());
    int[] indices = page.stream().mapToInt(Place::index).toArray();
    Optional<FeedPosition> next =
        selection
            .feed()
            .map(
                from ->
                    page.isEmpty()
                        ? from
                        : new FeedPosition(
                            page.get(page.size() - 1).changedAt(),
                            page.get(page.size() - 1).key()));
    return new Result(snapshot.itemsAt(indices), total[0], next);
  }

  private static boolean matches(Selection selection, ObjectNode item) {
    if (selection.item().isPresent() && !selection.item().get().equals(text(item, Selection.KEY))) {
      return false;
    }
    if (selection.feed().isPresent()
        && !selection.feed().get().precedes(changedAt(item), text(item, Selection.KEY))) {
      return false;
    }
    for (FieldFilter filter : selection.filters()) {
      if (!filter.matches(item)) {
        return false;
      }
    }
    return selection.search().map(text -> contains(item, text)).orElse(true);
  }

  /** Whether one of the item's own string values holds the (lower-case) text. */
  private static boolean contains(ObjectNode item, String text) {
    for (var field : item.properties()) {
      if (!SCRAPR_FIELDS.contains(field.getKey()) && holds(field.getValue(), text)) {
        return true;
      }
    }
    return false;
  }

  private static boolean holds(JsonNode value, String text) {
    if (value.isTextual()) {
      return value.textValue().toLowerCase(java.util.Locale.ROOT).contains(text);
    }
    if (value.isContainerNode()) {
      for (JsonNode element : value) {
        if (holds(element, text)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Place place(int index, ObjectNode item, Selection selection) {
    JsonNode[] values = new JsonNode[selection.sort().size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = item.get(selection.sort().get(k).field());
    }
    return selection.feed().isPresent()
        ? new Place(index, values, changedAt(item), text(item, Selection.KEY))
        : new Place(index, values, null, null);
  }

  private static Comparator<Place> order(PageQuery query) {
    Selection selection = query.selection();
    Comparator<Place> byIndex = Comparator.comparingInt(Place::index);
    if (selection.feed().isPresent()) {
      return Comparator.comparing(Place::changedAt)
          .thenComparing(Place::key)
          .thenComparing(byIndex);
    }
    if (!selection.sort().isEmpty()) {
      List<SortKey> keys = selection.sort();
      Comparator<Place> bySort =
          (a, b) -> {
            for (int k = 0; k < keys.size(); k++) {
              int c = keys.get(k).compare(a.values()[k], b.values()[k]);
              if (c != 0) {
                return c;
              }
            }
            return 0;
          };
      return bySort.thenComparing(byIndex);
    }
    return query.desc() ? byIndex.reversed() : byIndex;
  }

  /** When the datasource last stored new content for the item; the epoch when it does not say. */
  private static Instant changedAt(ObjectNode item) {
    String at = text(item, Selection.CHANGED_AT);
    if (at.isEmpty()) {
      at = text(item, "firstSeen");
    }
    try {
      return at.isEmpty() ? Instant.EPOCH : Instant.parse(at);
    } catch (DateTimeException e) {
      return Instant.EPOCH;
    }
  }

  private static String text(ObjectNode item, String field) {
    JsonNode value = item.get(field);
    return value != null && value.isTextual() ? value.textValue() : "";
  }

  private static ObjectNode parse(Snapshot snapshot, int index, byte[] json) {
    try {
      if (Json.mapper().readTree(json) instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // Falls through: stored items are written by the endpoint itself, so this is damage.
    }
    log.warn(
        "endpoint: skipped item {} of {}: it is not a JSON object", index, snapshot.collection());
    return null;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
