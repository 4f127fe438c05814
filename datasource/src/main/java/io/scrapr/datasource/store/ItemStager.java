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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tailer's handler: copies each item of {@code capped_items} into {@code tmp_<collection>},
 * where the reduction picks it up. The staged document keeps the capped {@code _id}, so a batch the
 * tailer hands over again (after a crash before its checkpoint) stages nothing twice: the copies
 * fail as duplicate keys, which is fine.
 */
public final class ItemStager implements Consumer<List<Document>> {
  private static final Logger log = LoggerFactory.getLogger(ItemStager.class);

  private final MongoDatabase database;

  /** Stages into the {@code tmp_*} collections of a database. */
  public ItemStager(MongoDatabase database) {
    this.database = database;
  }

  @Override
  public void accept(List<Document> logged) {
    Map<String, List<InsertOneModel<Document>>> byCollection = new LinkedHashMap<>();
    Set<String> skipped = new TreeSet<>();
    for (Document entry : logged) {
      String collection = entry.getString("collection");
      if (!ScrapeConfiguration.isCollectionName(collection)
          || !(entry.get("_key") instanceof String)
          || !(entry.get("item") instanceof Document)
          || !(entry.get("scrapedAt") instanceof Date)) {
        // Only this service writes the log; a stray document must not stop the tailer for good.
        log.warn(
            "capped_items {}: not an item entry (collection, _key, item, scrapedAt); skipped",
            entry.get("_id"));
        continue;
      }
      byCollection
          .computeIfAbsent(collection, c -> new ArrayList<>())
          .add(
              new InsertOneModel<>(
                  new Document("_id", entry.get("_id"))
                      .append("seq", entry.get("seq"))
                      .append("_key", entry.get("_key"))
                      .append("scrapedAt", entry.get("scrapedAt"))
                      .append("configId", entry.get("configId"))
                      .append("batchId", entry.get("batchId"))
                      .append("item", storable((Document) entry.get("item"), skipped))));
    }
    if (!skipped.isEmpty()) {
      log.warn("staging: skipped item fields with reserved or unsafe names: {}", skipped);
    }
    byCollection.forEach(this::stage);
  }

  /**
   * The intake removes such fields already; this keeps a stray one (say, logged by an older
   * version) from breaking the reduction.
   */
  private static Document storable(Document item, Set<String> skipped) {
    Document clean = new Document();
    item.forEach(
        (name, value) -> {
          if (FieldNames.topLevelProblem(name).isPresent()) {
            skipped.add(name);
          } else {
            clean.append(name, value);
          }
        });
    return clean;
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
          "{}: {} items were staged before (a replayed batch)",
          collection,
          e.getWriteErrors().size());
    }
  }
}
