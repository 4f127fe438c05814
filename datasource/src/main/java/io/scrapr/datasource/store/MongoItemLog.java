package io.scrapr.datasource.store;

import io.scrapr.common.mongo.CappedLog;
import io.scrapr.datasource.core.ItemBatch;
import io.scrapr.datasource.core.ItemLog;
import io.scrapr.datasource.core.KeyedItem;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The accepted items, one document per item in the capped {@code capped_items}: collection, config,
 * batch, scrape time, {@code _key} and the item.
 */
public final class MongoItemLog implements ItemLog {
  private final CappedLog log;

  /** Appends to an opened capped log. */
  public MongoItemLog(CappedLog log) {
    this.log = log;
  }

  @Override
  public void append(ItemBatch batch, List<KeyedItem> items) {
    Date scrapedAt = Date.from(batch.scrapedAt());
    List<Document> documents = new ArrayList<>(items.size());
    for (KeyedItem item : items) {
      documents.add(
          new Document("collection", batch.collection())
              .append("configId", batch.configId())
              .append("batchId", batch.batchId())
              .append("scrapedAt", scrapedAt)
              .append("_key", item.key())
              .append("item", BsonItems.toBson(item.item())));
    }
    log.append(documents);
  }
}
