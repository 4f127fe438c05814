package io.scrapr.endpoint.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scrapr.common.work.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the view's copy of the collection current: every poll period it asks the source cheaply
 * which state the collection is in, and reads it whole only when that state differs from the copy
 * served. A read whose pages disagree is tried again, up to the schedule's {@link
 * RefreshSchedule#readAttempts() read attempts}; a failed check or read keeps the last good copy
 * served, marked stale, and so does a source that no longer knows a collection it served. A read
 * streams the collection into a new snapshot in the store, chunk by chunk, and only a read that
 * completes is committed and served; then the replaced snapshot's chunks are deleted. A store that
 * cannot take the new copy keeps the old one served, marked stale; one that no longer holds the
 * copy served (a Redis that lost its data) has it read again. {@link #worker()} is the loop that
 * does it in the background.
 */
public final class CollectionRefresher {
  /**
   * How long closing the loop waits for a refresh in hand before interrupting it: a read of a large
   * collection is not worth holding a stop up for, the next start reads it again.
   */
  static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(CollectionRefresher.class);

  private final String configId;
  private final String collection;
  private final CollectionSource source;
  private final SnapshotStore snapshots;
  private final CollectionView view;
  private final RefreshSchedule schedule;
  private final Clock clock;
  private final Counter ok;
  private final Counter failed;
  private final Counter inconsistent;
  private final Counter reads;
  // Only touched by the refresh thread (or a test calling refresh() directly).
  private int failuresInARow;
  private Instant lastRead;

  /**
   * Creates a refresher; nothing runs before the {@link #worker()} is started.
   *
   * @param configId the endpoint configuration's id, for log lines
   * @param collection the collection's name
   * @param source where the collection is read from
   * @param snapshots where copies are written, read and kept for a restart
   * @param view what serves it
   * @param schedule how often the source is checked
   * @param clock tells when a source without versions is due for a whole read
   * @param metrics where the refresh counters go
   */
  public CollectionRefresher(
      String configId,
      String collection,
      CollectionSource source,
      SnapshotStore snapshots,
      CollectionView view,
      RefreshSchedule schedule,
      Clock clock,
      MeterRegistry metrics) {
    this.configId = configId;
    this.collection = collection;
    this.source = source;
    this.snapshots = snapshots;
    this.view = view;
    this.schedule = schedule;
    this.clock = clock;
    this.ok = refreshes(metrics, collection, "ok");
    this.failed = refreshes(metrics, collection, "failed");
    this.inconsistent = refreshes(metrics, collection, "inconsistent");
    this.reads =
        Counter.builder("scrapr.endpoint.reads")
            .description("whole reads of the collection from the datasource")
            .tag("collection", collection)
            .register(metrics);
  }

  /**
   * Returns a new loop, not yet started, that refreshes at once and then once every poll period
   * after the previous refresh ended, on a thread named {@code endpoint-refresh-<collection>}.
   * Closing it waits {@link #STOP_WAIT} at most for a refresh in hand. Whoever starts it closes it.
   */
  public Worker worker() {
    return Worker.every("endpoint-refresh-" + collection, schedule.poll(), this::refreshQuietly)
        .withStopWait(STOP_WAIT);
  }

  /**
   * Checks the source once and, when the collection changed, reads and publishes it.
   *
   * @return whether the copy served is now the source's current state
   */
  public boolean refresh() {
    Optional<Snapshot> current = view.current();
    Optional<CollectionMark> now;
    try {
      now = source.check(current.map(Snapshot::mark));
    } catch (SourceUnavailableException e) {
      return failed(e);
    }
    if (now.isEmpty()) {
      return absent(current);
    }
    if (current.isPresent() && now.get().sameAs(current.get().mark()) && !readDue(now.get())) {
      return answered(current.get());
    }
    return read();
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // A bug is counted and shown stale like an outage, and logged in full: the loop goes on.
      failed.increment();
      view.markStale(true);
      log.error("endpoint[config={}]: refresh of {} failed", configId, collection, e);
    }
  }

  /**
   * A source without versions may keep count and time across a change (an item's field updated
   * within the same second), so such a collection is also read whole once per {@code ttl}, as
   * before versions existed.
   */
  private boolean readDue(CollectionMark now) {
    return !now.versioned()
        && (lastRead == null || !clock.instant().isBefore(lastRead.plus(schedule.ttl())));
  }

  private boolean read() {
    CollectionChangedException changed = null;
    for (int attempt = 1; attempt <= schedule.readAttempts(); attempt++) {
      SnapshotWriter writer = snapshots.writer();
      Optional<CollectionMark> fetched;
      try {
        fetched = source.fetch(writer);
      } catch (CollectionChangedException e) {
        writer.abort();
        changed = e;
        continue;
      } catch (SourceUnavailableException e) {
        writer.abort();
        return failed(e);
      } catch (StoreUnavailableException e) {
        writer.abort();
        return storeFailed(e);
      } catch (RuntimeException e) {
        writer.abort();
        throw e;
      } finally {
        reads.increment();
      }
      if (fetched.isEmpty()) {
        writer.abort();
        return absent(view.current());
      }
      lastRead = clock.instant();
      return commit(writer, fetched.get());
    }
    // The datasource answers, so the copy is not stale; the next poll reads again.
    inconsistent.increment();
    log.warn(
        "endpoint[config={}]: kept the copy of {} served: {} reads in a row found pages of"
            + " different states ({})",
        configId,
        collection,
        schedule.readAttempts(),
        changed.getMessage());
    return false;
  }

  /** The source does not know the collection: a collection without items yet, or a lost one. */
  private boolean absent(Optional<Snapshot> current) {
    if (current.isEmpty() || current.get().size() == 0) {
      return commit(snapshots.writer(), CollectionMark.none());
    }
    return failed(
        new SourceUnavailableException(
            "the datasource does not know collection "
                + collection
                + " (404), though it held "
                + current.get().size()
                + " items",
            null));
  }

  /** Switches the store to a completed read, serves it, then deletes the copy it replaced. */
  private boolean commit(SnapshotWriter writer, CollectionMark mark) {
    Snapshot next;
    try {
      next = writer.commit(mark);
    } catch (StoreUnavailableException e) {
      writer.abort();
      return storeFailed(e);
    }
    recovered();
    Optional<Snapshot> current = view.current();
    // Served even when the content is the same: the replaced chunks are deleted next.
    view.publish(next, false);
    if (current.isEmpty()
        || !current.get().version().equals(next.version())
        || !current.get().mark().equals(next.mark())) {
      log.info(
          "endpoint[config={}]: collection {} refreshed: {} items in {} chunks (version {},"
              + " datasource {})",
          configId,
          collection,
          next.size(),
          next.manifest().chunks(),
          next.version(),
          next.mark().describe());
    }
    writer.replaced().ifPresent(snapshots::retire);
    ok.increment();
    return true;
  }

  private boolean answered(Snapshot current) {
    boolean held;
    try {
      held = snapshots.holds(current);
    } catch (StoreUnavailableException e) {
      return storeFailed(e);
    }
    if (!held) {
      log.info(
          "endpoint[config={}]: the store no longer holds the copy of {} served (generation {});"
              + " reading it again",
          configId,
          collection,
          current.manifest().generation());
      return read();
    }
    recovered();
    view.markStale(false);
    ok.increment();
    return true;
  }

  private boolean storeFailed(StoreUnavailableException e) {
    return failed(
        new SourceUnavailableException("the snapshot store (Redis) failed: " + e.getMessage(), e));
  }

  private boolean failed(SourceUnavailableException e) {
    failed.increment();
    view.markStale(true);
    failuresInARow++;
    // One line when an outage starts, then one every tenth attempt: enough to see it go on.
    if (failuresInARow % 10 == 1) {
      log.warn(
          "endpoint[config={}]: cannot refresh collection {} ({} failed in a row: {}); serving {}",
          configId,
          collection,
          failuresInARow,
          e.getMessage(),
          view.current()
              .map(s -> "the last good copy (" + s.size() + " items)")
              .orElse("nothing yet"));
    }
    return false;
  }

  private void recovered() {
    if (failuresInARow > 0) {
      log.info(
          "endpoint[config={}]: the datasource answers for {} again after {} failed refreshes",
          configId,
          collection,
          failuresInARow);
      failuresInARow = 0;
    }
  }

  private static Counter refreshes(MeterRegistry metrics, String collection, String outcome) {
    return Counter.builder("scrapr.endpoint.refreshes")
        .description("checks of the collection at the datasource, with the read they led to")
        .tag("collection", collection)
        .tag("outcome", outcome)
        .register(metrics);
  }
}
