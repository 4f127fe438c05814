package io.scrapr.datasource.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import io.scrapr.common.config.ScrapeConfiguration;
import io.scrapr.datasource.core.FieldNames;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tailer's handler: copies each entry of {@code capped_items} into {@code tmp_<collection>},
 * where the reduction picks it up. The staged document keeps the entry's {@code _id}, so an entry
 * the tailer hands over again (after a crash before its checkpoint) is staged once: the second copy
 * fails as a duplicate key, which is fine.
 */
public final class ItemStager implements Consumer<List<Document>> {
  private static final Logger log = LoggerFactory.getLogger(ItemStager.class);

  private final MongoDatabase database;
  private final Runnable onStaged;

  /**
   * Stages into the {@code tmp_*} collections of a database.
   *
   * @param onStaged told after entries were staged (the reduction's wake-up)
   */
  public ItemStager(MongoDatabase database, Runnable onStaged) {
    this.database = database;
    this.onStaged = onStaged;
  }

  @Override
  public void accept(List<Document> logged) {
    Map<String, List<InsertOneModel<Document>>> byCollection = new LinkedHashMap<>();
    for (Document logEntry : logged) {
      Document entry = upgraded(logEntry);
      String collection = entry.getString("collection");
      if (!ScrapeConfiguration.isCollectionName(collection)
          || !(entry.get("items") instanceof List<?>)
          || !(entry.get("scrapedAt") instanceof Date)) {
        // Only this service writes the log; a stray document must not stop the tailer for good.
        log.warn(
            "capped_items {}: not an item entry (collection, items, scrapedAt); skipped",
            entry.get("_id"));
        continue;
      }
      byCollection
          .computeIfAbsent(collection, c -> new ArrayList<>())
          .add(
              new InsertOneModel<>(
                  new Document("_id", entry.get("_id"))
                      .append("seq", entry.get("seq"))
                      .append("scrapedAt", entry.get("scrapedAt"))
                      .append("configId", entry.get("configId"))
                      .append("batchId", entry.get("batchId"))
                      .append("count", ((List<?>) entry.get("items")).size())
                      .append("items", entry.get("items"))));
    }
    byCollection.forEach(this::stage);
    if (!byCollection.isEmpty()) {
      onStaged.run();
    }
  }

  /**
   * An entry written by a version that logged one item per entry ({@code _key} and {@code item} at
   * the top), as an entry of one item; the item without fields MongoDB could not store safely.
   */
  private static Document upgraded(Document entry) {
    if (entry.containsKey("items")
        || !(entry.get("_key") instanceof String key)
        || !(entry.get("item") instanceof Document item)) {
      return entry;
    }
    Document clean = new Document();
    item.forEach(
        (name, value) -> {
          if (FieldNames.topLevelProblem(name).isEmpty()) {
            clean.append(name, value);
          }
        });
    return new Document(entry)
        .append("items", List.of(new Document("_key", key).append("item", clean)));
  }

  private void stage(String collection, List<InsertOneModel<Document>> documents) {
    try {
      database
          .getCollection(StoreNames.staging(collection))
          .bulkWrite(documents, new BulkWriteOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
      log.debug(
          "{}: {} entries were staged before (a replayed batch)",
          collection,
          e.getWriteErrors().size());
    }
  }
}
