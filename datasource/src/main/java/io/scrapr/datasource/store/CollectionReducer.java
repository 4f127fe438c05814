package io.scrapr.datasource.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reduces the entries staged in {@code tmp_<collection>} into {@code <collection>}, one document
 * per {@code _key}: {@code _id} = the key, {@code firstSeen}, {@code lastSeen} and {@code current}
 * = {@code {at, seq, pos, item}}, the latest scrape of the item.
 *
 * <p>A run takes a bounded number of staged entries, folds their items by key in memory (the latest
 * scrape of a key wins: scrape time, then entry number, then position in the entry), reads which
 * keys are stored and their latest scrape, inserts the new keys and writes one update per stored
 * key, addressed by {@code _id} alone: {@code $min} of {@code firstSeen}, {@code $max} of {@code
 * lastSeen}, and {@code $max} of {@code current}. BSON compares documents field by field, so {@code
 * $max} keeps whichever of the stored and the new {@code current} was scraped later: a late batch
 * or a replay lowers {@code firstSeen} but leaves the newer fields. {@code changedAt}, when the
 * datasource stored new content for the key (its first, or fields that differ from the stored
 * latest scrape in a later scrape), is raised with {@code $max} to the run's change time. The same
 * updates are right on MongoDB and on the in-process stand-in, and applying them twice changes
 * nothing. Then exactly the entries it reduced are deleted by id: an entry staged meanwhile,
 * whatever its number, waits for the next run.
 *
 * <p>(Why not an aggregation with {@code $unwind}, {@code $lookup} and {@code $merge}: on the
 * stand-in, which the standalone mode runs on, unwinding a 1,000-item entry and matching by a list
 * of keys take time quadratic in their size, and updates filtered by more than {@code _id} scan the
 * collection; a run of 10,000 items took 11 s that way, against about 1 s now.)
 *
 * <p>The collection's version (see {@link CollectionStats}) is odd while the updates write, so
 * readers never take a half-written collection for a version.
 */
public final class CollectionReducer {
  /** The most staged entries (batches) one run reduces: bounds the memory a run holds. */
  static final int MAX_ENTRIES_PER_RUN = 5;

  /** The most keys one look-up of stored items asks for. */
  private static final int READ_SLICE = 500;

  /** The order of two scrapes of one key ({@code current}): as BSON's {@code $max} orders them. */
  private static final Comparator<Document> SCRAPE =
      Comparator.comparing((Document scrape) -> scrape.getDate("at"))
          .thenComparingLong(scrape -> scrape.get("seq", Number.class).longValue())
          .thenComparingInt(scrape -> scrape.get("pos", Number.class).intValue());

  private static final Comparator<Document> SCRAPE_ORDER =
      Comparator.comparing((Document entry) -> entry.getDate("scrapedAt"))
          .thenComparingLong(entry -> entry.get("seq", Number.class).longValue());

  private final MongoDatabase database;
  private final CollectionStats stats;
  private final Clock clock;
  private final Set<String> indexed = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> lastChange = new ConcurrentHashMap<>();

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
   * @param reduced how many staged items were reduced
   * @param count how many items the collection holds afterwards
   * @param more whether more entries may wait: the run took as many as one run takes
   */
  public record Reduction(String collection, long reduced, long count, boolean more) {}

  /** Reduces what is staged for a collection; empty when nothing was staged. */
  public Optional<Reduction> reduce(String collection) {
    MongoCollection<Document> staging = database.getCollection(StoreNames.staging(collection));
    List<Document> entries = new ArrayList<>();
    staging.find().sort(Sorts.ascending("seq")).limit(MAX_ENTRIES_PER_RUN).into(entries);
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    entries.sort(SCRAPE_ORDER);
    Map<String, Latest> latest = new LinkedHashMap<>();
    List<Object> ids = new ArrayList<>(entries.size());
    long staged = 0;
    for (Document entry : entries) {
      ids.add(entry.get("_id"));
      Date at = entry.getDate("scrapedAt");
      long seq = entry.get("seq", Number.class).longValue();
      List<Document> items = entry.getList("items", Document.class, List.of());
      for (int pos = 0; pos < items.size(); pos++) {
        Document item = items.get(pos);
        Document current =
            new Document("at", at)
                .append("seq", seq)
                .append("pos", pos)
                .append("item", item.get("item", Document.class));
        latest.merge(item.getString("_key"), new Latest(at, at, current), Latest::mergedWithLater);
      }
      staged += items.size();
    }
    MongoCollection<Document> stored = database.getCollection(collection);
    ensureIndexes(collection, stored);
    stats.beginChange(collection);
    write(collection, stored, latest);
    Bson reduced = Filters.in("_id", ids);
    staging.deleteMany(reduced);
    long count = stored.estimatedDocumentCount();
    stats.record(collection, count, clock.instant());
    return Optional.of(
        new Reduction(collection, staged, count, entries.size() == MAX_ENTRIES_PER_RUN));
  }

  /** Ends any change a former lease holder left half done (see {@link CollectionStats}). */
  public void settleUnfinished() {
    stats.settleUnfinished();
  }

  /**
   * Writes the run's items: keys not stored yet are inserted, stored ones get the update. Which
   * keys are stored, and their latest scrape, is read first (by {@code _id}, in slices): that is
   * what tells a changed item from one scraped again unchanged, for {@code changedAt}. The insert
   * falls back to the update for a key stored meanwhile (a former lease holder still finishing).
   */
  private void write(
      String collection, MongoCollection<Document> stored, Map<String, Latest> latest) {
    if (latest.isEmpty()) {
      return;
    }
    Date changedAt = changeTime(collection);
    Map<String, Document> before = storedScrapes(stored, latest.keySet());
    List<Document> documents = new ArrayList<>();
    Map<String, Latest> existing = new LinkedHashMap<>();
    latest.forEach(
        (key, item) -> {
          if (before.containsKey(key)) {
            existing.put(key, item);
          } else {
            documents.add(item.asDocument(key, changedAt));
          }
        });
    if (!documents.isEmpty()) {
      try {
        stored.insertMany(documents, new InsertManyOptions().ordered(false));
      } catch (MongoBulkWriteException e) {
        for (BulkWriteError error : e.getWriteErrors()) {
          if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
            throw e;
          }
          String key = documents.get(error.getIndex()).getString("_id");
          existing.put(key, latest.get(key));
        }
      }
    }
    if (!existing.isEmpty()) {
      stored.bulkWrite(updates(existing, before, changedAt), new BulkWriteOptions().ordered(false));
    }
  }

  /** The latest scrape ({@code current}) of each of the keys that is stored. */
  private static Map<String, Document> storedScrapes(
      MongoCollection<Document> stored, Set<String> keys) {
    Map<String, Document> found = new HashMap<>();
    List<String> all = new ArrayList<>(keys);
    // Slices keep each $in short: the stand-in matches a document against the list one by one.
    for (int from = 0; from < all.size(); from += READ_SLICE) {
      List<String> slice = all.subList(from, Math.min(from + READ_SLICE, all.size()));
      stored
          .find(Filters.in("_id", slice))
          .projection(new Document("current", 1))
          .forEach(
              doc ->
                  found.put(
                      String.valueOf(doc.get("_id")),
                      doc.get("current") instanceof Document current ? current : new Document()));
    }
    return found;
  }

  /**
   * The time this run's changes are recorded at: now, but always after the collection's previous
   * run on this replica, so a change feed's position (time, then key) never sees a later run's
   * change at or before an earlier one's.
   */
  private Date changeTime(String collection) {
    long now = clock.millis();
    long at = lastChange.merge(collection, now, (last, ignored) -> Math.max(now, last + 1));
    return new Date(at);
  }

  private static List<WriteModel<Document>> updates(
      Map<String, Latest> latest, Map<String, Document> before, Date changedAt) {
    List<WriteModel<Document>> updates = new ArrayList<>(latest.size());
    UpdateOptions upsert = new UpdateOptions().upsert(true);
    latest.forEach(
        (key, item) -> {
          Document max =
              new Document("lastSeen", item.lastSeen()).append("current", item.current());
          if (item.changes(before.get(key))) {
            max.append("changedAt", changedAt);
          }
          updates.add(
              new UpdateOneModel<>(
                  Filters.eq("_id", key),
                  new Document("$min", new Document("firstSeen", item.firstSeen()))
                      .append("$max", max),
                  upsert));
        });
    return updates;
  }

  /**
   * The latest scrape of one key among the entries of a run.
   *
   * @param firstSeen the earliest scrape time of the key in the run
   * @param lastSeen the latest
   * @param current the latest scrape: {@code {at, seq, pos, item}}
   */
  private record Latest(Date firstSeen, Date lastSeen, Document current) {
    /** The stored document of a key seen for the first time. */
    Document asDocument(String key, Date changedAt) {
      return new Document("_id", key)
          .append("firstSeen", firstSeen)
          .append("lastSeen", lastSeen)
          .append("changedAt", changedAt)
          .append("current", current);
    }

    /**
     * Whether this scrape changes the item stored with {@code stored} as its latest scrape: it is
     * the later of the two ({@code $max} keeps it) and its fields differ. None stored: a change.
     */
    boolean changes(Document stored) {
      if (stored == null || !(stored.get("item") instanceof Document storedItem)) {
        return true;
      }
      return SCRAPE.compare(current, stored) > 0 && !storedItem.equals(current.get("item"));
    }

    /** Entries are folded in scrape order, so the later one's item wins. */
    Latest mergedWithLater(Latest later) {
      return new Latest(
          firstSeen.before(later.firstSeen) ? firstSeen : later.firstSeen,
          lastSeen.after(later.lastSeen) ? lastSeen : later.lastSeen,
          later.current);
    }
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
