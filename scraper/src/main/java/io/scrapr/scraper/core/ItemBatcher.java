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
 * limit), so a long crawl never holds more than one batch in memory.
 */
final class ItemBatcher {
  static final long MAX_BATCH_BYTES = 8L << 20;

  private final BatchQueue queue;
  private final String collection;
  private final String configId;
  private final List<String> key;
  private final int batchSize;
  private final Clock clock;
  private final List<Map<String, Object>> pending = new ArrayList<>();
  private long pendingBytes;
  private int appended;

  ItemBatcher(
      BatchQueue queue,
      String collection,
      String configId,
      List<String> key,
      int batchSize,
      Clock clock) {
    this.queue = queue;
    this.collection = collection;
    this.configId = configId;
    this.key = key;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /** Adds items, appending full batches to the queue. */
  void add(List<Map<String, Object>> items) {
    for (Map<String, Object> item : items) {
      long size = Json.writeBytes(item).length;
      if (!pending.isEmpty() && pendingBytes + size > MAX_BATCH_BYTES) {
        flush();
      }
      pending.add(item);
      pendingBytes += size;
      if (pending.size() >= batchSize) {
        flush();
      }
    }
  }

  /** Appends what is left as a last, smaller batch. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    queue.append(
        new Batch(
            collection, configId, UUID.randomUUID().toString(), clock.instant(), key, pending));
    appended += pending.size();
    pending.clear();
    pendingBytes = 0;
  }

  /** Returns how many items went to the queue. */
  int appended() {
    return appended;
  }
}
