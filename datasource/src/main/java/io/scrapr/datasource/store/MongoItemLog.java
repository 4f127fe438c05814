package io.scrapr.datasource.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.mongo.CappedLog;
import io.scrapr.common.mongo.LogAppendException;
import io.scrapr.common.mongo.LogFullException;
import io.scrapr.datasource.core.ItemBatch;
import io.scrapr.datasource.core.ItemLog;
import io.scrapr.datasource.core.ItemLogFullException;
import io.scrapr.datasource.core.ItemLogUnavailableException;
import io.scrapr.datasource.core.KeyedItem;
import io.scrapr.datasource.core.Refusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * The accepted items in the capped {@code capped_items}: one entry per batch (or per part of a
 * large batch), holding the collection, config, batch, scrape time and the items with their {@code
 * _key}. One entry instead of one document per item is what makes intake cheap: a 1,000-item batch
 * is one insert, one staged document and one delete.
 *
 * <p>Each item is encoded to BSON once, here; an item larger than the limit, or nested deeper than
 * MongoDB can store inside an entry, is refused alone and the rest of the batch is stored.
 */
public final class MongoItemLog implements ItemLog {
  /** The most bytes of items in one entry: well under MongoDB's 16 MiB document limit. */
  static final long ENTRY_BYTES = 4L << 20;

  /** The deepest an item may nest: MongoDB stores 100 levels, and an entry adds three. */
  public static final int MAX_DEPTH = 64;

  private static final DocumentCodec CODEC = new DocumentCodec();

  private final CappedLog log;
  private final long maxItemBytes;
  private final int retryAfterSeconds;

  /**
   * Appends to an opened capped log.
   *
   * @param log the capped log
   * @param maxItemBytes the largest item stored, as BSON ({@code SCRAPR_MAX_ITEM_BYTES})
   * @param retryAfter when a sender refused for back-pressure should try again, whole seconds
   *     ({@code SCRAPR_BACKPRESSURE_RETRY_AFTER_SECONDS})
   */
  public MongoItemLog(CappedLog log, long maxItemBytes, Duration retryAfter) {
    if (maxItemBytes < 1 || maxItemBytes > ENTRY_BYTES * 2) {
      throw new IllegalArgumentException(
          "maxItemBytes must be 1.." + ENTRY_BYTES * 2 + ", was " + maxItemBytes);
    }
    if (retryAfter.toSeconds() < 1 || retryAfter.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "retryAfter must be at least 1 s, was " + retryAfter.toSeconds() + " s");
    }
    this.log = log;
    this.maxItemBytes = maxItemBytes;
    this.retryAfterSeconds = (int) retryAfter.toSeconds();
  }

  @Override
  public List<Refusal> append(ItemBatch batch, List<KeyedItem> items) {
    List<Refusal> refused = new ArrayList<>();
    List<List<Document>> parts = new ArrayList<>();
    List<Document> part = new ArrayList<>();
    long partBytes = 0;
    for (int i = 0; i < items.size(); i++) {
      KeyedItem item = items.get(i);
      int depth = depth(item.item());
      if (depth > MAX_DEPTH) {
        refused.add(
            new Refusal(
                i, "is nested " + depth + " levels deep; at most " + MAX_DEPTH + " are stored"));
        continue;
      }
      RawBsonDocument bson = new RawBsonDocument(BsonItems.toBson(item.item()), CODEC);
      long bytes = bson.getByteBuffer().remaining();
      if (bytes > maxItemBytes) {
        refused.add(
            new Refusal(
                i,
                "is "
                    + bytes
                    + " bytes as BSON; at most "
                    + maxItemBytes
                    + " are stored (SCRAPR_MAX_ITEM_BYTES)"));
        continue;
      }
      if (!part.isEmpty() && partBytes + bytes > ENTRY_BYTES) {
        parts.add(part);
        part = new ArrayList<>();
        partBytes = 0;
      }
      part.add(new Document("_key", item.key()).append("item", bson));
      partBytes += bytes;
    }
    if (!part.isEmpty()) {
      parts.add(part);
    }
    Date scrapedAt = Date.from(batch.scrapedAt());
    List<Document> entries = new ArrayList<>(parts.size());
    for (List<Document> itemsOfEntry : parts) {
      entries.add(
          new Document("collection", batch.collection())
              .append("configId", batch.configId())
              .append("batchId", batch.batchId())
              .append("scrapedAt", scrapedAt)
              .append("items", itemsOfEntry));
    }
    try {
      log.append(entries);
    } catch (LogFullException e) {
      throw new ItemLogFullException(
          "the item log is full of items not yet staged (" + e.getMessage() + ")",
          retryAfterSeconds,
          e);
    } catch (LogAppendException e) {
      throw new ItemLogUnavailableException(e.getMessage(), e);
    }
    return refused;
  }

  private static int depth(JsonNode node) {
    int deepest = 0;
    for (JsonNode child : node) {
      if (child.isContainerNode()) {
        deepest = Math.max(deepest, depth(child));
      }
    }
    return deepest + 1;
  }
}
