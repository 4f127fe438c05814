package io.scrapr.configdiscovery.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The version of the configurations as a whole: one counter document in {@code
 * configuration_versions}, raised around every write, so every replica answers lists with the same
 * version and a reader can tell in one look-up whether anything changed since it last read.
 *
 * <p>The counter lives in MongoDB, not in a replica's memory, and carries an epoch chosen when the
 * document is created: a counter that was dropped and started again never repeats a version a
 * reader holds.
 */
final class MongoListingVersion {
  private static final String ID = "configurations";

  private final MongoCollection<Document> versions;

  MongoListingVersion(MongoDatabase database) {
    this.versions = database.getCollection("configuration_versions");
  }

  /**
   * Returns the current version, {@code <epoch>.<counter>}; {@code 0.0} before the first write.
   * Read it before the configurations it describes: what they show is then at least as new.
   */
  String current() {
    Document doc = versions.find(Filters.eq("_id", ID)).first();
    if (doc == null) {
      return "0.0";
    }
    return doc.getString("epoch") + "." + doc.get("version", Number.class).longValue();
  }

  /**
   * Runs a write between two raises of the counter. The raise after it tells every reader that read
   * before it; the raise before it also covers a reader whose list missed the write while it was
   * under way, should this replica die between the write and the second raise.
   */
  <T> T around(Supplier<T> write) {
    raise();
    T result = write.get();
    raise();
    return result;
  }

  private void raise() {
    for (int attempt = 1; ; attempt++) {
      try {
        versions.updateOne(
            Filters.eq("_id", ID),
            Updates.combine(
                Updates.inc("version", 1L),
                Updates.setOnInsert("epoch", new ObjectId().toHexString())),
            new UpdateOptions().upsert(true));
        return;
      } catch (MongoWriteException e) {
        // Two replicas creating the document at once: one insert wins, the other increments it.
        if (attempt > 1 || e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
    }
  }
}
