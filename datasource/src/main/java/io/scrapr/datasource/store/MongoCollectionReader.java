package io.scrapr.datasource.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.scrapr.datasource.core.CollectionBusyException;
import io.scrapr.datasource.core.CollectionPage;
import io.scrapr.datasource.core.CollectionQuery;
import io.scrapr.datasource.core.CollectionReader;
import io.scrapr.datasource.core.CollectionSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads the reduced collections and their stats from MongoDB. A page is read between two looks at
 * the collection's version and kept only when both show the same version with no reduction writing,
 * so every page is one version of the collection.
 */
public final class MongoCollectionReader implements CollectionReader {
  private static final List<String> HIDDEN = List.of("_id");

  /** How often a read waiting for a reduction looks at the version again. */
  private static final Duration POLL = Duration.ofMillis(25);

  private final MongoDatabase database;
  private final CollectionStats stats;
  private final Duration busyWait;

  /**
   * Creates a reader.
   *
   * @param database the datasource's database
   * @param stats the known collections
   * @param busyWait how long a read waits for reductions to leave the collection at one version
   *     before it gives up with {@link CollectionBusyException} ({@code SCRAPR_READ_BUSY_WAIT_MS})
   */
  public MongoCollectionReader(MongoDatabase database, CollectionStats stats, Duration busyWait) {
    if (busyWait.isNegative() || busyWait.isZero()) {
      throw new IllegalArgumentException("busyWait must be positive, was " + busyWait);
    }
    this.database = database;
    this.stats = stats;
    this.busyWait = busyWait;
  }

  @Override
  public List<CollectionSummary> list() {
    return stats.all();
  }

  @Override
  public Optional<CollectionSummary> summary(String name) {
    return stats.find(name);
  }

  @Override
  public Optional<CollectionPage> page(CollectionQuery query) {
    long deadline = System.nanoTime() + busyWait.toNanos();
    while (true) {
      Optional<CollectionSummary> before = stats.find(query.name());
      if (before.isEmpty()) {
        return Optional.empty();
      }
      if (!before.get().changing()) {
        CollectionPage page = read(query, before.get());
        Optional<CollectionSummary> after = stats.find(query.name());
        if (after.isPresent() && after.get().version() == before.get().version()) {
          return Optional.of(page);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new CollectionBusyException(query.name());
      }
      pause();
    }
  }

  private CollectionPage read(CollectionQuery query, CollectionSummary summary) {
    MongoCollection<Document> items = database.getCollection(query.name());
    Bson filter =
        query
            .since()
            .map(since -> Filters.gte("lastSeen", Date.from(since)))
            .orElse(Filters.empty());
    List<ObjectNode> page = new ArrayList<>();
    if (query.limit() > 0) {
      items
          .find(filter)
          .sort(Sorts.ascending("firstSeen", "_id"))
          .skip(query.offset())
          .limit(query.limit())
          .forEach(doc -> page.add(itemOf(doc)));
    }
    // The count of the whole collection is in its stats; counting on the server scans it.
    long count = query.since().isPresent() ? items.countDocuments(filter) : summary.count();
    return new CollectionPage(query.name(), count, summary.updatedAt(), summary.version(), page);
  }

  /**
   * A stored document as the API shows it: the item's fields, then {@code _key}, {@code firstSeen},
   * {@code changedAt} and {@code lastSeen}. A document stored before {@code changedAt} was kept
   * shows its {@code firstSeen} there: the one change known of it. (A document reduced by an
   * earlier version still holds the fields at the top.)
   */
  private static ObjectNode itemOf(Document doc) {
    if (!(doc.get("current") instanceof Document current)
        || !(current.get("item") instanceof Document item)) {
      return BsonItems.toJson(doc, HIDDEN);
    }
    ObjectNode json = BsonItems.toJson(item, List.of());
    Date firstSeen = doc.getDate("firstSeen");
    Date changedAt = doc.get("changedAt") instanceof Date at ? at : firstSeen;
    json.put("_key", String.valueOf(doc.get("_id")));
    json.put("firstSeen", firstSeen.toInstant().toString());
    json.put("changedAt", changedAt.toInstant().toString());
    json.put("lastSeen", doc.getDate("lastSeen").toInstant().toString());
    return json;
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectionBusyException("(interrupted)");
    }
  }
}
