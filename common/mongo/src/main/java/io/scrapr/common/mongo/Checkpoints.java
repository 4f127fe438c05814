package io.scrapr.common.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Where tailers keep their position: one document per tailer in the {@code checkpoints} collection.
 */
public final class Checkpoints {
  private final MongoCollection<Document> collection;

  /**
   * A tailer's position.
   *
   * @param seq every entry numbered up to it has been handled (or given up)
   * @param above entries numbered above {@code seq} that were handled too: they became visible
   *     before an entry with a smaller number, which another writer had not stored yet
   * @param readBytes how far the log has been read, in bytes (its entries' {@code end})
   */
  public record Position(long seq, SortedSet<Long> above, long readBytes) {
    public Position {
      above = new TreeSet<>(above);
    }

    /** The position before anything was handled. */
    public static Position start() {
      return new Position(0, new TreeSet<>(), 0);
    }

    /** Returns whether the entry with this number has been handled (or given up). */
    public boolean covers(long entrySeq) {
      return entrySeq <= seq || above.contains(entrySeq);
    }
  }

  /** Uses the {@code checkpoints} collection of a database. */
  public Checkpoints(MongoDatabase database) {
    this.collection = database.getCollection("checkpoints");
  }

  /** Returns the last position a tailer saved, if it ever saved one. */
  public Optional<Position> load(String tailer) {
    Document doc = collection.find(Filters.eq("_id", tailer)).first();
    if (doc == null) {
      return Optional.empty();
    }
    SortedSet<Long> above = new TreeSet<>();
    for (Object seq : doc.getList("above", Object.class, List.of())) {
      above.add(((Number) seq).longValue());
    }
    Object readBytes = doc.get("readBytes");
    return Optional.of(
        new Position(
            doc.get("seq", Number.class).longValue(),
            above,
            readBytes instanceof Number n ? n.longValue() : 0));
  }

  /** Saves a tailer's position. */
  public void save(String tailer, Position position) {
    collection.replaceOne(
        Filters.eq("_id", tailer),
        new Document("_id", tailer)
            .append("seq", position.seq())
            .append("above", new ArrayList<>(position.above()))
            .append("readBytes", position.readBytes())
            .append("updatedAt", Date.from(Instant.now())),
        new ReplaceOptions().upsert(true));
  }
}
