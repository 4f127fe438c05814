package io.scrapr.common.mongo;

import com.mongodb.CursorType;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scrapr.common.mongo.Checkpoints.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a capped collection from a persisted checkpoint and hands each batch of new documents to
 * a handler, saving the checkpoint after the handler returns. A {@code TailableAwait} cursor on
 * {@code seq > checkpoint} in natural order; when the cursor closes (server restart, eviction, or a
 * server without tailable cursors such as the test stand-in) it is reopened from the checkpoint
 * after a short backoff, so one code path is correct everywhere.
 *
 * <p>Delivery is at least once: a crash between the handler and the checkpoint repeats a batch, so
 * handlers must be idempotent. Documents come from a {@link CappedLog}, whose contiguous {@code
 * seq} orders them (ObjectIds need not increase across a writer's restart within one second, so the
 * cursor reads {@code seq > checkpoint}) and shows documents evicted before they were read: those
 * are reported as a gap (log line and the {@code scrapr_tailer_gaps_total} metric), never passed
 * over silently.
 */
public final class CappedTailer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CappedTailer.class);
  private static final int MAX_BATCH = 1000;

  private final String name;
  private final MongoCollection<Document> capped;
  private final Checkpoints checkpoints;
  private final Consumer<List<Document>> handler;
  private final Duration reopenBackoff;
  private final Counter gaps;
  private final Counter handled;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Creates a tailer; call {@link #start()} to begin.
   *
   * @param name the tailer's name: its checkpoint id, thread name and metric tag
   * @param capped the capped collection to follow
   * @param checkpoints where the position is kept
   * @param handler handles each batch in order; must be idempotent; an exception retries the batch
   * @param reopenBackoff the pause before a closed cursor is reopened
   * @param metrics where the gap and throughput counters are registered
   */
  public CappedTailer(
      String name,
      MongoCollection<Document> capped,
      Checkpoints checkpoints,
      Consumer<List<Document>> handler,
      Duration reopenBackoff,
      MeterRegistry metrics) {
    this.name = name;
    this.capped = capped;
    this.checkpoints = checkpoints;
    this.handler = handler;
    this.reopenBackoff = reopenBackoff;
    this.gaps = Counter.builder("scrapr_tailer_gaps").tag("tailer", name).register(metrics);
    this.handled = Counter.builder("scrapr_tailer_documents").tag("tailer", name).register(metrics);
    this.thread = new Thread(this::run, "tailer-" + name);
    this.thread.setDaemon(true);
  }

  /** Starts following the collection on a thread of its own. */
  public CappedTailer start() {
    thread.start();
    return this;
  }

  /** Stops after the batch in hand and waits for the thread to end. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Optional<Position> position = Optional.empty();
    boolean loaded = false;
    while (running) {
      try {
        if (!loaded) {
          position = checkpoints.load(name);
          loaded = true;
          log.info(
              "tailer {}: starting after {}",
              name,
              position.map(p -> "seq " + p.seq()).orElse("the beginning"));
        }
        position = follow(position);
      } catch (MongoException e) {
        if (running) {
          log.warn("tailer {}: {}; reopening from the checkpoint", name, e.getMessage());
        }
      } catch (RuntimeException e) {
        if (running) {
          log.error("tailer {}: handler failed; the batch will be retried", name, e);
        }
      }
      pause();
    }
  }

  /** Reads until the cursor closes; returns the position reached. */
  private Optional<Position> follow(Optional<Position> position) {
    Bson filter = position.map(p -> Filters.gt("seq", p.seq())).orElse(Filters.empty());
    try (MongoCursor<Document> cursor =
        capped
            .find(filter)
            .sort(new Document("$natural", 1))
            .cursorType(CursorType.TailableAwait)
            .maxAwaitTime(1, TimeUnit.SECONDS)
            .batchSize(MAX_BATCH)
            .iterator()) {
      while (running && cursor.hasNext()) {
        List<Document> batch = new ArrayList<>();
        batch.add(cursor.next());
        while (batch.size() < MAX_BATCH && cursor.available() > 0) {
          batch.add(cursor.next());
        }
        reportGap(position, batch.get(0));
        handler.accept(batch);
        Document last = batch.get(batch.size() - 1);
        Position reached = new Position(last.getObjectId("_id"), seqOf(last));
        checkpoints.save(name, reached);
        handled.increment(batch.size());
        position = Optional.of(reached);
      }
    }
    return position;
  }

  /**
   * A first document whose {@code seq} is not the one after the checkpoint's means the capped
   * collection wrapped past documents before they were read: they are lost, and we say so.
   */
  private void reportGap(Optional<Position> position, Document first) {
    long expected = position.map(p -> p.seq() + 1).orElse(1L);
    long actual = seqOf(first);
    if (actual > expected) {
      long missing = actual - expected;
      gaps.increment(missing);
      log.error(
          "tailer {}: gap: {} documents (seq {} to {}) were evicted from {} before they were read; "
              + "raise the capped collection's size",
          name,
          missing,
          expected,
          actual - 1,
          capped.getNamespace().getCollectionName());
    }
  }

  private static long seqOf(Document document) {
    return document.get("seq", Number.class).longValue();
  }

  private void pause() {
    if (!running) {
      return;
    }
    try {
      Thread.sleep(reopenBackoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
