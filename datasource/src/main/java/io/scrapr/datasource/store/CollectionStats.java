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
 * name, with its item count, when a reduction last changed it, and its {@code version}.
 *
 * <p>The version is a sequence lock: a reduction makes it odd before it writes and even (and
 * larger) when it is done, so a reader that finds the same even version before and after its read
 * has read one version of the collection. Only the lease holder reduces, so one writer moves it.
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
            Updates.setOnInsert("count", 0L),
            Updates.setOnInsert("updatedAt", Date.from(now)),
            Updates.setOnInsert("version", 0L)),
        new UpdateOptions().upsert(true));
  }

  /** Marks a collection as being written: its version becomes odd (it stays odd if it was). */
  void beginChange(String collection) {
    long version = version(collection);
    if (version % 2 == 0) {
      setVersion(collection, version + 1);
    }
  }

  /** Records a collection's count after a reduction; its version becomes the next even one. */
  void record(String collection, long count, Instant now) {
    long version = version(collection);
    stats.updateOne(
        Filters.eq("_id", collection),
        Updates.combine(
            Updates.set("count", count),
            Updates.set("updatedAt", Date.from(now)),
            Updates.set("version", version % 2 == 0 ? version + 2 : version + 1)),
        new UpdateOptions().upsert(true));
  }

  /**
   * Ends every change a former lease holder left half done (it stopped between the two steps), so
   * readers do not wait for it; the half-done reduction is simply run again.
   */
  void settleUnfinished() {
    for (CollectionSummary summary : all()) {
      if (summary.changing()) {
        setVersion(summary.name(), summary.version() + 1);
      }
    }
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

  private long version(String collection) {
    return find(collection).map(CollectionSummary::version).orElse(0L);
  }

  private void setVersion(String collection, long version) {
    stats.updateOne(Filters.eq("_id", collection), Updates.set("version", version));
  }

  private static CollectionSummary summary(Document doc) {
    Object version = doc.get("version");
    return new CollectionSummary(
        doc.getString("_id"),
        doc.get("count", Number.class).longValue(),
        doc.getDate("updatedAt").toInstant(),
        version instanceof Number n ? n.longValue() : 0);
  }
}
