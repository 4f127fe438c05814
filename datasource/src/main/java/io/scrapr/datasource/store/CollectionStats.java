package io.scrapr.datasource.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.scrapr.datasource.core.CollectionCatalog;
import io.scrapr.datasource.core.CollectionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The known collections in {@code collection_stats}: one document per collection, {@code _id} = its
 * name, with its item count and when a reduction last changed it.
 */
public final class CollectionStats implements CollectionCatalog {
  private final MongoCollection<Document> stats;

  /** Uses the {@code collection_stats} collection of a database. */
  public CollectionStats(MongoDatabase database) {
    this.stats = database.getCollection(StoreNames.STATS);
  }

  @Override
  public void ensureKnown(String collection, Instant now) {
    stats.updateOne(
        Filters.eq("_id", collection),
        Updates.combine(
            Updates.setOnInsert("count", 0L), Updates.setOnInsert("updatedAt", Date.from(now))),
        new UpdateOptions().upsert(true));
  }

  /** Records a collection's count after a reduction. */
  void record(String collection, long count, Instant now) {
    stats.updateOne(
        Filters.eq("_id", collection),
        Updates.combine(Updates.set("count", count), Updates.set("updatedAt", Date.from(now))),
        new UpdateOptions().upsert(true));
  }

  /** Returns one collection's summary, if it is known. */
  Optional<CollectionSummary> find(String collection) {
    return Optional.ofNullable(stats.find(Filters.eq("_id", collection)).first())
        .map(CollectionStats::summary);
  }

  /** Returns every known collection, by name. */
  List<CollectionSummary> all() {
    List<CollectionSummary> all = new ArrayList<>();
    stats.find().sort(Sorts.ascending("_id")).forEach(doc -> all.add(summary(doc)));
    return all;
  }

  private static CollectionSummary summary(Document doc) {
    return new CollectionSummary(
        doc.getString("_id"),
        doc.get("count", Number.class).longValue(),
        doc.getDate("updatedAt").toInstant());
  }
}
