package io.scrapr.datasource.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.scrapr.datasource.core.BatchMarkers;
import io.scrapr.datasource.core.ItemBatch;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The applied batches in {@code item_batches}, {@code _id} = batch id. Markers expire after {@link
 * #KEEP_DAYS} days: a sender resends within minutes, and a batch applied twice after that long only
 * stages items the reduction folds into the same items anyway.
 */
public final class MongoBatchMarkers implements BatchMarkers {
  static final long KEEP_DAYS = 7;

  private final MongoCollection<Document> markers;

  /** Uses the {@code item_batches} collection of a database, creating its expiry index. */
  public MongoBatchMarkers(MongoDatabase database) {
    this.markers = database.getCollection(StoreNames.BATCHES);
    markers.createIndex(
        Indexes.ascending("acceptedAt"),
        new IndexOptions().expireAfter(TimeUnit.DAYS.toSeconds(KEEP_DAYS), TimeUnit.SECONDS));
  }

  @Override
  public Optional<Integer> accepted(String batchId) {
    Document marker = markers.find(Filters.eq("_id", batchId)).first();
    return Optional.ofNullable(marker).map(m -> m.get("accepted", Number.class).intValue());
  }

  @Override
  public boolean mark(ItemBatch batch, int accepted, Instant now) {
    try {
      markers.insertOne(
          new Document("_id", batch.batchId())
              .append("collection", batch.collection())
              .append("configId", batch.configId())
              .append("accepted", accepted)
              .append("acceptedAt", Date.from(now)));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }
}
