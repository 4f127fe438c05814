package io.scrapr.common.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log on a capped collection. Each appended document gets an {@code _id} and a
 * contiguous {@code seq}, in the order they are inserted, so a {@link CappedTailer} can tell a
 * document it has not seen yet from one the collection evicted before it was read.
 *
 * <p>One process appends to a log (the service that owns it); appends are serialised so that
 * insertion order, {@code _id} order and {@code seq} order agree.
 *
 * <p>A server that cannot create capped collections (the in-process test stand-in) gets a plain
 * collection that the log trims itself to the newest {@code sizeBytes / 1 KiB} documents, so
 * eviction, and the gaps it can cause, behave the same.
 */
public final class CappedLog {
  private static final Logger log = LoggerFactory.getLogger(CappedLog.class);
  private static final int NAMESPACE_EXISTS = 48;
  private static final long EMULATED_DOCUMENT_BYTES = 1024;

  private final MongoCollection<Document> collection;
  private final long trimToDocuments;
  private long lastSeq;

  private CappedLog(MongoCollection<Document> collection, long trimToDocuments) {
    this.collection = collection;
    this.trimToDocuments = trimToDocuments;
    Document newest = collection.find().sort(new Document("$natural", -1)).first();
    this.lastSeq = newest == null ? 0 : newest.get("seq", Number.class).longValue();
  }

  /**
   * Opens a capped collection, creating it with the given size when it does not exist.
   *
   * @param database the database
   * @param name the collection's name
   * @param sizeBytes the capped size for a new collection
   */
  public static CappedLog open(MongoDatabase database, String name, long sizeBytes) {
    try {
      database.createCollection(
          name, new CreateCollectionOptions().capped(true).sizeInBytes(sizeBytes));
    } catch (MongoCommandException e) {
      if (e.getErrorCode() == NAMESPACE_EXISTS) {
        return new CappedLog(database.getCollection(name), 0);
      }
      if (!e.getErrorMessage().contains("capped")) {
        throw e;
      }
      long documents = Math.max(1000, sizeBytes / EMULATED_DOCUMENT_BYTES);
      log.warn(
          "{}: the server cannot create capped collections ({}); using a plain collection trimmed"
              + " to the newest {} documents",
          name,
          e.getErrorMessage(),
          documents);
      MongoCollection<Document> plain = database.getCollection(name);
      plain.createIndex(Indexes.ascending("seq"));
      return new CappedLog(plain, documents);
    }
    return new CappedLog(database.getCollection(name), 0);
  }

  /** Returns the underlying collection (for tailing and look-ups). */
  public MongoCollection<Document> collection() {
    return collection;
  }

  /**
   * Appends documents in order, giving each an {@code _id} and the next {@code seq}.
   *
   * @return the ids given, in order
   */
  public synchronized List<ObjectId> append(List<Document> documents) {
    List<ObjectId> ids = new ArrayList<>(documents.size());
    long seq = lastSeq;
    List<Document> stamped = new ArrayList<>(documents.size());
    for (Document document : documents) {
      ObjectId id = new ObjectId();
      ids.add(id);
      stamped.add(new Document(document).append("_id", id).append("seq", ++seq));
    }
    if (!stamped.isEmpty()) {
      collection.insertMany(stamped);
      lastSeq = seq;
      if (trimToDocuments > 0 && lastSeq > trimToDocuments) {
        collection.deleteMany(Filters.lte("seq", lastSeq - trimToDocuments));
      }
    }
    return ids;
  }
}
