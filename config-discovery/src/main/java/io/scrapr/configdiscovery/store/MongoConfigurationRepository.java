package io.scrapr.configdiscovery.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.configdiscovery.core.ClaimOutcome;
import io.scrapr.configdiscovery.core.ConfigurationQuery;
import io.scrapr.configdiscovery.core.ConfigurationRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The materialised configurations, in the {@code configurations} collection; every write raises
 * their version ({@code configuration_versions}).
 */
public final class MongoConfigurationRepository implements ConfigurationRepository {
  private final MongoCollection<Document> collection;
  private final MongoListingVersion version;

  /** Uses the {@code configurations} collection of a database, creating its indexes. */
  public MongoConfigurationRepository(MongoDatabase database) {
    this.collection = database.getCollection("configurations");
    this.version = new MongoListingVersion(database);
    collection.createIndex(Indexes.ascending("type", "collection"));
    collection.createIndex(Indexes.ascending("container"));
  }

  @Override
  public boolean insertIfAbsent(StoredConfiguration c) {
    return version.around(
        () -> {
          try {
            collection.insertOne(toDocument(c));
            return true;
          } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public String listingVersion() {
    return version.current();
  }

  @Override
  public Optional<StoredConfiguration> find(String id) {
    return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first())
        .map(this::fromDocument);
  }

  @Override
  public List<StoredConfiguration> list(ConfigurationQuery query) {
    List<Bson> filters = new ArrayList<>();
    query.type().ifPresent(t -> filters.add(Filters.eq("type", t.wireName())));
    query.collection().ifPresent(c -> filters.add(Filters.eq("collection", c)));
    query.container().ifPresent(c -> filters.add(Filters.eq("container", c)));
    if (query.unassignedOnly()) {
      filters.add(Filters.eq("container", null));
    }
    Bson filter = filters.isEmpty() ? Filters.empty() : Filters.and(filters);
    return collection
        .find(filter)
        .sort(new Document("createdAt", 1).append("_id", 1))
        .skip(query.offset())
        .limit(query.limit())
        .map(this::fromDocument)
        .into(new ArrayList<>());
  }

  @Override
  public Optional<StoredConfiguration> replace(String id, ObjectNode configuration, Instant now) {
    Document updated =
        version.around(
            () ->
                collection.findOneAndUpdate(
                    Filters.eq("_id", id),
                    Updates.combine(
                        Updates.set("configuration", ConfigurationJson.write(configuration)),
                        Updates.set("updatedAt", Date.from(now)),
                        Updates.inc("version", 1L)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    return Optional.ofNullable(updated).map(this::fromDocument);
  }

  @Override
  public ClaimOutcome claim(String id, String container, Instant now) {
    // One atomic update: only an unassigned configuration, or one this container holds, matches.
    Document claimed =
        version.around(
            () ->
                collection.findOneAndUpdate(
                    Filters.and(
                        Filters.eq("_id", id),
                        Filters.or(
                            Filters.eq("container", null), Filters.eq("container", container))),
                    Updates.combine(
                        Updates.set("container", container),
                        Updates.set("updatedAt", Date.from(now)))));
    if (claimed != null) {
      return ClaimOutcome.CLAIMED;
    }
    return find(id).isPresent() ? ClaimOutcome.HELD_BY_ANOTHER : ClaimOutcome.NOT_FOUND;
  }

  @Override
  public boolean delete(String id) {
    return version.around(() -> collection.deleteOne(Filters.eq("_id", id)).getDeletedCount() > 0);
  }

  @Override
  public long countScrapers(String collectionName) {
    return collection.countDocuments(
        Filters.and(
            Filters.eq("type", ConfigurationType.SCRAPER.wireName()),
            Filters.eq("collection", collectionName)));
  }

  private static Document toDocument(StoredConfiguration c) {
    return new Document("_id", c.id())
        .append("type", c.type().wireName())
        .append("collection", c.collection())
        .append("container", c.container())
        .append("version", c.version())
        .append("createdAt", Date.from(c.createdAt()))
        .append("updatedAt", Date.from(c.updatedAt()))
        .append("configuration", ConfigurationJson.write((ObjectNode) c.configuration()));
  }

  private StoredConfiguration fromDocument(Document doc) {
    return new StoredConfiguration(
        doc.getString("_id"),
        ConfigurationType.fromWire(doc.getString("type")),
        doc.getString("collection"),
        doc.getString("container"),
        doc.get("version", Number.class).longValue(),
        doc.getDate("createdAt").toInstant(),
        doc.getDate("updatedAt").toInstant(),
        ConfigurationJson.read(doc.getString("configuration")));
  }
}
