package io.scrapr.datasource.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.scrapr.datasource.core.CollectionPage;
import io.scrapr.datasource.core.CollectionQuery;
import io.scrapr.datasource.core.CollectionReader;
import io.scrapr.datasource.core.CollectionSummary;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Reads the reduced collections and their stats from MongoDB. */
public final class MongoCollectionReader implements CollectionReader {
  private static final List<String> HIDDEN = List.of("_id");

  private final MongoDatabase database;
  private final CollectionStats stats;

  /**
   * Creates a reader.
   *
   * @param database the datasource's database
   * @param stats the known collections
   */
  public MongoCollectionReader(MongoDatabase database, CollectionStats stats) {
    this.database = database;
    this.stats = stats;
  }

  @Override
  public List<CollectionSummary> list() {
    return stats.all();
  }

  @Override
  public Optional<CollectionPage> page(CollectionQuery query) {
    Optional<CollectionSummary> summary = stats.find(query.name());
    if (summary.isEmpty()) {
      return Optional.empty();
    }
    MongoCollection<Document> items = database.getCollection(query.name());
    Bson filter =
        query
            .since()
            .map(since -> Filters.gte("lastSeen", Date.from(since)))
            .orElse(Filters.empty());
    List<ObjectNode> page = new ArrayList<>();
    items
        .find(filter)
        .sort(Sorts.ascending("firstSeen", "_id"))
        .skip(query.offset())
        .limit(query.limit())
        .forEach(doc -> page.add(BsonItems.toJson(doc, HIDDEN)));
    return Optional.of(
        new CollectionPage(
            query.name(), items.countDocuments(filter), summary.get().updatedAt(), page));
  }
}
