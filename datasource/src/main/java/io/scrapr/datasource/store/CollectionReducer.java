package io.scrapr.datasource.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reduces the entries staged in {@code tmp_<collection>} into {@code <collection>}, one document
 * per {@code _key}: {@code _id} = the key, the item's fields, {@code firstSeen} and {@code
 * lastSeen}.
 *
 * <p>One aggregation does the work on the server. It takes a bounded set of staged entries, named
 * by their ids, unwinds their items, sorts them by scrape time (then entry and position: later
 * scrapes win) and groups them by {@code _key} with {@code $group} ({@code $last} item, {@code
 * $min}/{@code $max} scrape time: first and last seen). A {@code $lookup} joins the stored item of
 * the same key, and the new document is computed from both: when the staged item is at least as
 * recent as the stored one its fields replace the stored fields; otherwise (a batch that arrived
 * late, or a replay) the stored fields stay. {@code firstSeen} is the earlier of both, {@code
 * lastSeen} the later. A {@code $merge} with {@code whenMatched: "replace"} writes the result. Then
 * exactly the entries it reduced, by id, are deleted: an entry staged meanwhile, whatever its
 * number, waits for the next run.
 *
 * <p>Why {@code $lookup} and a plain replace rather than a {@code whenMatched} pipeline: the
 * in-process stand-in (mongo-java-server 1.47) evaluates {@code $$ROOT} in a {@code whenMatched}
 * pipeline against the new document instead of the stored one, so "keep the stored fields" cannot
 * be written there portably. Computing the document before {@code $merge} works the same on MongoDB
 * (4.4 or later, which may read the collection it merges into) and on the stand-in: one code path.
 *
 * <p>The collection's version (see {@link CollectionStats}) is odd while the merge writes, so
 * readers never take a half-merged collection for a version. Running the same reduction twice gives
 * the same collection, so a crash between the merge and the delete only repeats work.
 */
public final class CollectionReducer {
  /** The most staged entries (batches) one run reduces: bounds the aggregation's memory. */
  static final int MAX_ENTRIES_PER_RUN = 50;

  private final MongoDatabase database;
  private final CollectionStats stats;
  private final Clock clock;
  private final Set<String> indexed = ConcurrentHashMap.newKeySet();

  /**
   * Creates a reducer.
   *
   * @param database the datasource's database
   * @param stats where each collection's count is recorded
   * @param clock the time recorded as a collection's {@code updatedAt}
   */
  public CollectionReducer(MongoDatabase database, CollectionStats stats, Clock clock) {
    this.database = database;
    this.stats = stats;
    this.clock = clock;
  }

  /**
   * What one reduction did.
   *
   * @param collection the collection
   * @param reduced how many staged documents were reduced
   * @param count how many items the collection holds afterwards
   * @param more whether more entries may wait: the run took as many as one run takes
   */
  public record Reduction(String collection, long reduced, long count, boolean more) {}

  /** Reduces what is staged for a collection; empty when nothing was staged. */
  public Optional<Reduction> reduce(String collection) {
    MongoCollection<Document> staging = database.getCollection(StoreNames.staging(collection));
    List<Object> ids = new ArrayList<>();
    long staged = 0;
    for (Document entry :
        staging
            .find()
            .projection(Projections.include("_id", "count"))
            .sort(Sorts.ascending("seq"))
            .limit(MAX_ENTRIES_PER_RUN)) {
      ids.add(entry.get("_id"));
      staged += entry.get("count") instanceof Number n ? n.longValue() : 0;
    }
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    Bson reducedEntries = Filters.in("_id", ids);
    MongoCollection<Document> items = database.getCollection(collection);
    ensureIndexes(collection, items);
    stats.beginChange(collection);
    staging.aggregate(pipeline(collection, reducedEntries)).allowDiskUse(true).toCollection();
    staging.deleteMany(reducedEntries);
    long count = items.countDocuments();
    stats.record(collection, count, clock.instant());
    return Optional.of(new Reduction(collection, staged, count, ids.size() == MAX_ENTRIES_PER_RUN));
  }

  /** Ends any change a former lease holder left half done (see {@link CollectionStats}). */
  public void settleUnfinished() {
    stats.settleUnfinished();
  }

  private static List<Bson> pipeline(String collection, Bson entries) {
    Document firstSeen = new Document("$min", List.of("$firstSeen", "$stored.firstSeen"));
    // No stored item: null sorts below every date, so the staged item is taken.
    Document stagedIsNewer =
        new Document(
            "$gte",
            List.of("$lastSeen", new Document("$ifNull", Arrays.asList("$stored.lastSeen", null))));
    Document fromStaged =
        new Document(
            "$mergeObjects",
            List.of(
                "$item",
                new Document("_id", "$_id")
                    .append("firstSeen", firstSeen)
                    .append("lastSeen", "$lastSeen")));
    Document fromStored =
        new Document("$mergeObjects", List.of("$stored", new Document("firstSeen", firstSeen)));
    return List.of(
        new Document("$match", entries),
        new Document(
            "$unwind", new Document("path", "$items").append("includeArrayIndex", "position")),
        new Document(
            "$project",
            new Document("_key", "$items._key")
                .append("item", "$items.item")
                .append("scrapedAt", 1)
                .append("seq", 1)
                .append("position", 1)),
        new Document("$sort", new Document("scrapedAt", 1).append("seq", 1).append("position", 1)),
        new Document(
            "$group",
            new Document("_id", "$_key")
                .append("item", new Document("$last", "$item"))
                .append("firstSeen", new Document("$min", "$scrapedAt"))
                .append("lastSeen", new Document("$max", "$scrapedAt"))),
        new Document(
            "$lookup",
            new Document("from", collection)
                .append("localField", "_id")
                .append("foreignField", "_id")
                .append("as", "stored")),
        new Document(
            "$unwind", new Document("path", "$stored").append("preserveNullAndEmptyArrays", true)),
        new Document(
            "$replaceRoot",
            new Document(
                "newRoot", new Document("$cond", List.of(stagedIsNewer, fromStaged, fromStored)))),
        new Document(
            "$merge",
            new Document("into", collection)
                .append("on", "_id")
                .append("whenMatched", "replace")
                .append("whenNotMatched", "insert")));
  }

  private void ensureIndexes(String collection, MongoCollection<Document> items) {
    if (indexed.add(collection)) {
      // The page order of GET /collections/{name}, and its "since" filter.
      items.createIndex(Indexes.ascending("firstSeen", "_id"));
      items.createIndex(Indexes.ascending("lastSeen"));
      database.getCollection(StoreNames.staging(collection)).createIndex(Indexes.ascending("seq"));
    }
  }
}
