package io.scrapr.common.mongo;

import com.mongodb.CursorType;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scrapr.common.mongo.Checkpoints.Position;
import io.scrapr.common.work.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a {@link CappedLog} from a persisted checkpoint and hands each batch of new entries to a
 * handler, saving the checkpoint after the handler returns. It runs only while its {@link
 * MongoLease} is held, so one replica of a service reads the log however many run.
 *
 * <p>A {@code TailableAwait} cursor on {@code seq > checkpoint} in natural order; when the cursor
 * closes (server restart, or a server without tailable cursors such as the test stand-in) it is
 * reopened from the checkpoint after a short backoff, so one code path is correct everywhere.
 *
 * <p>Several writers number entries from one counter, and an entry can become visible after one
 * with a larger number. The tailer hands over every entry it sees, remembers the numbers it handled
 * above the first missing one (a hole), and keeps the checkpoint at the hole: a restart neither
 * skips nor repeats. A hole still open after {@code holeGrace} is given up through the log's fence
 * (see {@link CappedLog}): the number was abandoned by a writer that failed (its sender resends),
 * or its entry was evicted unread, which is reported as a gap (log line and {@code
 * scrapr_tailer_gaps_total}), never passed over silently.
 *
 * <p>Delivery is at least once: a crash between the handler and the checkpoint repeats a batch, so
 * handlers must be idempotent.
 */
public final class CappedTailer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CappedTailer.class);
  private static final int MAX_BATCH = 1000;

  private final String name;
  private final CappedLog capped;
  private final Checkpoints checkpoints;
  private final Consumer<List<Document>> handler;
  private final Duration reopenBackoff;
  private final Duration holeGrace;
  private final MongoLease lease;
  private final Clock clock;
  private final Counter gaps;
  private final Counter abandoned;
  private final Counter handled;
  private final Worker worker;
  private final SortedMap<Long, Instant> holes = new TreeMap<>();
  private final Map<Long, Long> endOf = new HashMap<>();
  private final AtomicInteger openHoles = new AtomicInteger();
  private Position position;
  private long maxSeen;

  /**
   * Creates a tailer; call {@link #start()} to begin.
   *
   * @param name the tailer's name: its checkpoint id, thread name and metric tag
   * @param capped the log to follow
   * @param checkpoints where the position is kept
   * @param handler handles each batch in order; must be idempotent; an exception retries the batch
   * @param reopenBackoff the pause before a closed cursor is reopened
   * @param holeGrace how long a missing number is waited for before it is given up
   * @param lease held while this tailer may read; handed back on {@link #close()}
   * @param metrics where the gap and throughput counters are registered
   */
  public CappedTailer(
      String name,
      CappedLog capped,
      Checkpoints checkpoints,
      Consumer<List<Document>> handler,
      Duration reopenBackoff,
      Duration holeGrace,
      MongoLease lease,
      MeterRegistry metrics) {
    this.name = name;
    this.capped = capped;
    this.checkpoints = checkpoints;
    this.handler = handler;
    this.reopenBackoff = reopenBackoff;
    this.holeGrace = holeGrace;
    this.lease = lease;
    this.clock = Clock.systemUTC();
    this.gaps = Counter.builder("scrapr_tailer_gaps").tag("tailer", name).register(metrics);
    this.abandoned =
        Counter.builder("scrapr_tailer_abandoned").tag("tailer", name).register(metrics);
    this.handled = Counter.builder("scrapr_tailer_documents").tag("tailer", name).register(metrics);
    Gauge.builder("scrapr_tailer_holes", openHoles, AtomicInteger::get)
        .tag("tailer", name)
        .register(metrics);
    // A cursor waits at most a second for new entries, so a stop takes about that long.
    this.worker = Worker.of("tailer-" + name, this::turn).withStopWait(Duration.ofSeconds(5));
  }

  /** Starts following the log on a thread of its own. */
  public CappedTailer start() {
    worker.start();
    return this;
  }

  /** Stops after the batch in hand, waits for the thread to end and hands the lease back. */
  @Override
  public void close() {
    worker.close();
    lease.close();
  }

  /** Reads what is there while the lease is held; then the pause before the cursor reopens. */
  private Worker.Next turn() {
    try {
      if (lease.held()) {
        if (position == null) {
          position = checkpoints.load(name).orElse(Position.start());
          maxSeen = position.above().isEmpty() ? position.seq() : position.above().last();
          holes.clear();
          log.info("tailer {}: reading after seq {}", name, position.seq());
        }
        follow();
      } else {
        position = null; // Another replica reads; start from its checkpoint when ours again.
      }
    } catch (MongoException e) {
      if (!worker.stopping()) {
        log.warn("tailer {}: {}; reopening from the checkpoint", name, e.getMessage());
      }
      position = null;
    } catch (RuntimeException e) {
      if (!worker.stopping()) {
        log.error("tailer {}: handler failed; the batch will be retried", name, e);
      }
      position = null;
    }
    return Worker.Next.after(reopenBackoff);
  }

  /** Reads until the cursor closes or the lease is lost. */
  private void follow() {
    try (MongoCursor<Document> cursor =
        capped
            .collection()
            .find(Filters.gt("seq", position.seq()))
            .sort(new Document("$natural", 1))
            .cursorType(CursorType.TailableAwait)
            .maxAwaitTime(1, TimeUnit.SECONDS)
            .batchSize(MAX_BATCH)
            .iterator()) {
      List<Document> batch = new ArrayList<>();
      while (!worker.stopping()) {
        Document next = cursor.tryNext();
        if (next != null) {
          batch.add(next);
          if (batch.size() < MAX_BATCH && cursor.available() > 0) {
            continue;
          }
        }
        if (!batch.isEmpty()) {
          handle(batch);
          batch = new ArrayList<>();
        }
        giveUpOldHoles();
        if ((next == null && cursor.getServerCursor() == null) || !lease.held()) {
          return;
        }
      }
    }
  }

  private void handle(List<Document> batch) {
    List<Document> fresh = new ArrayList<>(batch.size());
    for (Document entry : batch) {
      if (!position.covers(seqOf(entry))) {
        fresh.add(entry);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    handler.accept(fresh);
    TreeSet<Long> above = new TreeSet<>(position.above());
    Instant now = clock.instant();
    for (Document entry : fresh) {
      long seq = seqOf(entry);
      above.add(seq);
      holes.remove(seq);
      endOf.put(seq, entry.get("end") instanceof Number end ? end.longValue() : 0L);
      for (long missing = maxSeen + 1; missing < seq; missing++) {
        holes.putIfAbsent(missing, now);
      }
      maxSeen = Math.max(maxSeen, seq);
    }
    handled.increment(fresh.size());
    advance(above);
  }

  /** Moves the checkpoint over every number handled (or given up) right after it, and saves it. */
  private void advance(TreeSet<Long> above) {
    long seq = position.seq();
    long readBytes = position.readBytes();
    while (!above.isEmpty() && above.first() == seq + 1) {
      seq = above.pollFirst();
      Long end = endOf.remove(seq);
      if (end != null) {
        readBytes = Math.max(readBytes, end);
      }
    }
    position = new Position(seq, above, readBytes);
    openHoles.set(holes.size());
    checkpoints.save(name, position);
    capped.reportRead(readBytes);
    capped.release(seq);
  }

  /**
   * Gives up the holes that have stayed open past the grace: raises the log's floor over them first
   * (a writer storing one of them from now on refuses its request), then looks once more for any
   * that arrived meanwhile, then accounts for the rest and moves on.
   */
  private void giveUpOldHoles() {
    Instant due = clock.instant().minus(holeGrace);
    long upTo = -1;
    for (Map.Entry<Long, Instant> hole : holes.entrySet()) {
      if (hole.getValue().isAfter(due)) {
        break;
      }
      upTo = hole.getKey();
    }
    if (upTo < 0) {
      return;
    }
    capped.raiseFloor(upTo);
    List<Document> late = new ArrayList<>();
    capped
        .collection()
        .find(Filters.and(Filters.gt("seq", position.seq()), Filters.lte("seq", upTo)))
        .sort(Sorts.ascending("seq"))
        .forEach(late::add);
    handle(late);
    List<Long> missing = new ArrayList<>(holes.headMap(upTo + 1).keySet());
    if (missing.isEmpty()) {
      return;
    }
    List<Long> reported = capped.counter().abandoned();
    List<Long> lost = new ArrayList<>();
    for (long seq : missing) {
      holes.remove(seq);
      if (!reported.contains(seq)) {
        lost.add(seq);
      }
    }
    abandoned.increment(missing.size() - lost.size());
    if (lost.isEmpty()) {
      log.info("tailer {}: seq {} were abandoned by a writer whose insert failed", name, missing);
    } else {
      gaps.increment(lost.size());
      log.error(
          "tailer {}: gap: seq {} never appeared in {} within {} s: a writer numbered them and"
              + " stopped before storing them (its sender was refused and resends), or they were"
              + " evicted before they were read (raise the capped collection's size)",
          name,
          lost,
          capped.name(),
          holeGrace.toSeconds());
    }
    capped.forgetAbandoned(missing);
    TreeSet<Long> above = new TreeSet<>(position.above());
    above.addAll(missing);
    advance(above);
  }

  private static long seqOf(Document document) {
    return document.get("seq", Number.class).longValue();
  }
}
