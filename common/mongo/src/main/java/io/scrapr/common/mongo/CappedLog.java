package io.scrapr.common.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log on a capped collection that any number of processes may append to at once.
 *
 * <p>Each entry gets an {@code _id}, a {@code seq} and {@code end} (the log's size in bytes up to
 * and including it). Numbers come from a counter document in {@code log_sequences} ({@code $inc} on
 * the server, one block per append), so two writers never hand out the same number and a retried
 * append takes new ones. Entries of different writers can become visible out of number order;
 * {@link CappedTailer} waits for missing numbers (holes) and, before it gives one up, raises the
 * counter's {@code floor}: a writer that finds the floor at or above its first number after its
 * insert cannot know whether the tailer saw it and fails with {@link LogAppendException}, so its
 * caller refuses the request and the sender resends. That fence makes "accepted" mean "will be
 * read" with any number of writers.
 *
 * <p>Back-pressure instead of eviction: an append that would make the unread part of the log (bytes
 * appended minus bytes the tailer reported read) larger than half the capped size is refused with
 * {@link LogFullException} before anything is written, so the collection never wraps over entries
 * nobody has read.
 *
 * <p>A server that cannot create capped collections (the in-process test stand-in) gets a plain
 * collection: the log itself evicts the oldest entries beyond the size, and deletes entries once
 * the tailer has read them, so queries on a server without secondary indexes stay small.
 */
public final class CappedLog {
  private static final Logger log = LoggerFactory.getLogger(CappedLog.class);
  private static final int NAMESPACE_EXISTS = 48;
  private static final DocumentCodec CODEC = new DocumentCodec();

  /** Where the logs' counters live; the name cannot clash with a collection a user names. */
  static final String SEQUENCES = "log_sequences";

  private final String name;
  private final MongoCollection<Document> collection;
  private final MongoCollection<Document> sequences;
  private final long sizeBytes;
  private final boolean emulated;

  private CappedLog(MongoDatabase database, String name, long sizeBytes, boolean emulated) {
    this.name = name;
    this.collection = database.getCollection(name);
    this.sequences = database.getCollection(SEQUENCES);
    this.sizeBytes = sizeBytes;
    this.emulated = emulated;
  }

  /**
   * Opens a capped collection, creating it with the given size when it does not exist.
   *
   * @param database the database
   * @param name the collection's name
   * @param sizeBytes the capped size; unread entries may take half of it
   */
  public static CappedLog open(MongoDatabase database, String name, long sizeBytes) {
    boolean emulated = false;
    try {
      database.createCollection(
          name, new CreateCollectionOptions().capped(true).sizeInBytes(sizeBytes));
    } catch (MongoCommandException e) {
      if (e.getErrorCode() == NAMESPACE_EXISTS) {
        Document options =
            database
                .listCollections()
                .filter(Filters.eq("name", name))
                .first()
                .get("options", Document.class);
        emulated = options == null || !Boolean.TRUE.equals(options.get("capped"));
      } else if (e.getErrorMessage().contains("capped")) {
        log.warn(
            "{}: the server cannot create capped collections ({}); using a plain collection that"
                + " the log trims itself to {} bytes",
            name,
            e.getErrorMessage(),
            sizeBytes);
        emulated = true;
      } else {
        throw e;
      }
    }
    CappedLog opened = new CappedLog(database, name, sizeBytes, emulated);
    // For the tailer's look-ups by number (reopening, late entries) and the newest entry.
    opened.collection.createIndex(Indexes.ascending("seq"));
    opened.continueNumbering();
    return opened;
  }

  /** A log written before numbers came from the counter continues after its newest entry. */
  private void continueNumbering() {
    Document newest = collection.find().sort(new Document("seq", -1)).first();
    if (newest != null && newest.get("seq") instanceof Number seq) {
      sequences.updateOne(
          Filters.eq("_id", name),
          Updates.max("seq", seq.longValue()),
          new UpdateOptions().upsert(true));
    }
  }

  /** Returns the log's name (its collection's). */
  public String name() {
    return name;
  }

  /** Returns the underlying collection (for tailing and look-ups). */
  public MongoCollection<Document> collection() {
    return collection;
  }

  /** The most bytes that may wait unread: half the capped size, the rest is room to spare. */
  public long maxUnreadBytes() {
    return sizeBytes / 2;
  }

  /**
   * Appends documents in order, giving each an {@code _id}, the next {@code seq} and its {@code
   * end}.
   *
   * @return the ids given, in order
   * @throws LogFullException when the unread part of the log has no room for them; nothing written
   * @throws LogAppendException when they may have been written but cannot be promised to be read;
   *     the caller must refuse the request so that its sender sends it again
   */
  public List<ObjectId> append(List<Document> documents) {
    if (documents.isEmpty()) {
      return List.of();
    }
    // Encoding an entry to learn its size is not free (entries reach megabytes): once each.
    long[] sizes = new long[documents.size()];
    long bytes = 0;
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = sizeOf(documents.get(i));
      bytes += sizes[i];
    }
    LogCounter before = counter();
    long unread = before.appendedBytes() - before.readBytes();
    if (unread + bytes > maxUnreadBytes()) {
      throw new LogFullException(name, unread, bytes, maxUnreadBytes());
    }
    LogCounter after = reserve(documents.size(), bytes);
    long first = after.seq() - documents.size() + 1;
    List<ObjectId> ids = new ArrayList<>(documents.size());
    List<Document> stamped = new ArrayList<>(documents.size());
    long end = after.appendedBytes() - bytes;
    for (int i = 0; i < documents.size(); i++) {
      Document document = documents.get(i);
      end += sizes[i];
      ObjectId id = new ObjectId();
      ids.add(id);
      stamped.add(
          new Document(document).append("_id", id).append("seq", first + i).append("end", end));
    }
    try {
      collection.insertMany(stamped);
    } catch (MongoException e) {
      abandon(first, after.seq());
      throw e;
    }
    if (counter().floor() >= first) {
      // The tailer gave up waiting for one of these numbers; it may never read what we wrote.
      throw new LogAppendException(name, first, after.seq());
    }
    if (emulated) {
      evictBeyond(after.appendedBytes() - sizeBytes);
    }
    return ids;
  }

  /** Reads this log's counter; all zero before the first append. */
  LogCounter counter() {
    return LogCounter.of(sequences.find(Filters.eq("_id", name)).first());
  }

  /** Records how far the tailer has read, in bytes, for the back-pressure check. */
  void reportRead(long readBytes) {
    sequences.updateOne(
        Filters.eq("_id", name),
        Updates.max("readBytes", readBytes),
        new UpdateOptions().upsert(true));
  }

  /**
   * Raises the floor: the tailer gives up waiting for numbers up to it. Writers whose first number
   * is at or below the floor refuse their append (see the class comment).
   */
  void raiseFloor(long seq) {
    sequences.updateOne(
        Filters.eq("_id", name), Updates.max("floor", seq), new UpdateOptions().upsert(true));
  }

  /** Forgets numbers that writers reported abandoned, once the tailer has accounted for them. */
  void forgetAbandoned(List<Long> seqs) {
    sequences.updateOne(Filters.eq("_id", name), Updates.pullAll("abandoned", seqs));
  }

  /** On an emulated log, entries the tailer has read can go: nothing reads them again. */
  void release(long upToSeq) {
    if (emulated) {
      collection.deleteMany(Filters.lte("seq", upToSeq));
    }
  }

  /**
   * Takes the next {@code count} numbers: a compare-and-set on the counter, retried until it wins.
   * ({@code findOneAndUpdate} with {@code $inc} would be one round trip, but the in-process
   * stand-in does not return the document of its own update under concurrency; a conditional update
   * is atomic on both.)
   */
  private LogCounter reserve(int count, long bytes) {
    while (true) {
      Document current = sequences.find(Filters.eq("_id", name)).first();
      if (current == null) {
        try {
          sequences.insertOne(
              new Document("_id", name).append("seq", 0L).append("appendedBytes", 0L));
        } catch (MongoWriteException e) {
          if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
            throw e;
          }
        }
        continue;
      }
      LogCounter seen = LogCounter.of(current);
      UpdateResult result =
          sequences.updateOne(
              Filters.and(
                  Filters.eq("_id", name),
                  Filters.eq("seq", current.get("seq")),
                  Filters.eq("appendedBytes", current.get("appendedBytes"))),
              Updates.combine(
                  Updates.set("seq", seen.seq() + count),
                  Updates.set("appendedBytes", seen.appendedBytes() + bytes)));
      if (result.getModifiedCount() == 1) {
        return new LogCounter(
            seen.seq() + count,
            seen.appendedBytes() + bytes,
            seen.readBytes(),
            seen.floor(),
            seen.abandoned());
      }
    }
  }

  private void abandon(long first, long last) {
    List<Long> seqs = new ArrayList<>();
    for (long seq = first; seq <= last; seq++) {
      seqs.add(seq);
    }
    try {
      sequences.updateOne(Filters.eq("_id", name), Updates.addEachToSet("abandoned", seqs));
      log.warn(
          "{}: seq {} to {} abandoned: the insert failed; the sender resends", name, first, last);
    } catch (MongoException e) {
      log.warn(
          "{}: seq {} to {} abandoned (the insert failed), and recording that failed too: {}",
          name,
          first,
          last,
          e.getMessage());
    }
  }

  private void evictBeyond(long endBytes) {
    if (endBytes > 0) {
      collection.deleteMany(Filters.lte("end", endBytes));
    }
  }

  private static long sizeOf(Document document) {
    // What the entry takes in the collection, near enough: its BSON plus _id, seq and end.
    return new RawBsonDocument(document, CODEC).getByteBuffer().remaining() + 40L;
  }

  /**
   * A log's counter document.
   *
   * @param seq the last number handed out
   * @param appendedBytes the bytes of every entry numbered so far
   * @param readBytes how far the tailer has read, in bytes
   * @param floor numbers at or below it the tailer no longer waits for
   * @param abandoned numbers writers handed out but failed to write
   */
  record LogCounter(
      long seq, long appendedBytes, long readBytes, long floor, List<Long> abandoned) {
    static LogCounter of(Document doc) {
      if (doc == null) {
        return new LogCounter(0, 0, 0, 0, List.of());
      }
      List<Long> abandoned = new ArrayList<>();
      for (Object seq : doc.getList("abandoned", Object.class, List.of())) {
        abandoned.add(((Number) seq).longValue());
      }
      return new LogCounter(
          longOf(doc, "seq"),
          longOf(doc, "appendedBytes"),
          longOf(doc, "readBytes"),
          longOf(doc, "floor"),
          abandoned);
    }

    private static long longOf(Document doc, String field) {
      Object value = doc.get(field);
      return value instanceof Number number ? number.longValue() : 0;
    }
  }
}
