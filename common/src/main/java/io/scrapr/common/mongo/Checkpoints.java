package io.scrapr.common.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Where tailers keep their position: one document per tailer in the {@code checkpoints} collection.
 */
public final class Checkpoints {
  private final MongoCollection<Document> collection;

  /**
   * A tailer's position: the last document it handled.
   *
   * @param id that document's {@code _id}
   * @param seq that document's {@code seq}
   */
  public record Position(ObjectId id, long seq) {}

  /** Uses the {@code checkpoints} collection of a database. */
  public Checkpoints(MongoDatabase database) {
    this.collection = database.getCollection("checkpoints");
  }

  /** Returns the last position a tailer saved, if it ever saved one. */
  public Optional<Position> load(String tailer) {
    Document doc = collection.find(Filters.eq("_id", tailer)).first();
    return Optional.ofNullable(doc)
        .map(d -> new Position(d.getObjectId("position"), d.get("seq", Number.class).longValue()));
  }

  /** Saves a tailer's position: everything up to and including it has been handled. */
  public void save(String tailer, Position position) {
    collection.replaceOne(
        Filters.eq("_id", tailer),
        new Document("_id", tailer)
            .append("position", position.id())
            .append("seq", position.seq())
            .append("updatedAt", Date.from(Instant.now())),
        new ReplaceOptions().upsert(true));
  }
}
