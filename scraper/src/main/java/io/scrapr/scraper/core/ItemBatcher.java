package io.scrapr.scraper.core;

import io.scrapr.common.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Collects one run's items and hands them to the queue in batches of at most {@code batchSize}
 * items (and about {@value #MAX_BATCH_BYTES} bytes of JSON, well under the datasource's request
 * limit), so a long crawl never holds more than one batch in memory. Each batch is tracked for
 * delivery before it is spooled, so the run can wait for its outcome.
 */
final class ItemBatcher {
  static final long MAX_BATCH_BYTES = 8L << 20;

  private final BatchQueue queue;
  private final DeliveryState delivery;
  private final String collection;
  private final String configId;
  private final List<String> key;
  private final int batchSize;
  private final Clock clock;
  private final List<Map<String, Object>> pending = new ArrayList<>();
  private final List<String> batchIds = new ArrayList<>();
  private long pendingBytes;
  private int appended;
  private int unspooled;

  ItemBatcher(
      BatchQueue queue,
      DeliveryState delivery,
      String collection,
      String configId,
      List<String> key,
      int batchSize,
      Clock clock) {
    this.queue = queue;
    this.delivery = delivery;
    this.collection = collection;
    this.configId = configId;
    this.key = key;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /**
   * Adds items, appending full batches to the queue.
   *
   * @throws SpoolException when a batch cannot be spooled; its items are counted as unspooled
   */
  void add(List<Map<String, Object>> items) {
    for (int i = 0; i < items.size(); i++) {
      try {
        add(items.get(i), Json.writeBytes(items.get(i)).length);
      } catch (SpoolException e) {
        // The crawl stops here: the page's items not yet batched are not spooled either.
        unspooled += items.size() - i - 1;
        throw e;
      }
    }
  }

  /**
   * Adds one item whose size is known, appending a full batch to the queue.
   *
   * @param item the item
   * @param jsonBytes its size as JSON
   * @throws SpoolException when a batch cannot be spooled; its items, and this one if it was not
   *     batched yet, are counted as unspooled
   */
  void add(Map<String, Object> item, long jsonBytes) {
    boolean batched = false;
    try {
      if (!pending.isEmpty() && pendingBytes + jsonBytes > MAX_BATCH_BYTES) {
        flush();
      }
      pending.add(item);
      pendingBytes += jsonBytes;
      batched = true;
      if (pending.size() >= batchSize) {
        flush();
      }
    } catch (SpoolException e) {
      unspooled += batched ? 0 : 1;
      throw e;
    }
  }

  /**
   * Appends what is left as a last, smaller batch.
   *
   * @throws SpoolException when it cannot be spooled; its items are counted as unspooled
   */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    String batchId = UUID.randomUUID().toString();
    delivery.track(batchId);
    try {
      queue.append(new Batch(collection, configId, batchId, clock.instant(), key, pending));
    } catch (SpoolException e) {
      delivery.forget(batchId);
      unspooled += pending.size();
      clear();
      throw e;
    }
    batchIds.add(batchId);
    appended += pending.size();
    clear();
  }

  /** Returns how many items went to the queue. */
  int appended() {
    return appended;
  }

  /** Returns how many items could not be spooled. */
  int unspooled() {
    return unspooled;
  }

  /** Returns the ids of the batches spooled, in order. */
  List<String> batchIds() {
    return List.copyOf(batchIds);
  }

  private void clear() {
    pending.clear();
    pendingBytes = 0;
  }
}
