package io.scrapr.endpoint.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scrapr.common.work.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the view's copy of the collection current: every poll period it asks the source cheaply
 * which state the collection is in, and reads it whole only when that state differs from the copy
 * served. A read whose pages disagree is tried again, up to the schedule's {@link
 * RefreshSchedule#readAttempts() read attempts}; a failed check or read keeps the last good copy
 * served, marked stale, and so does a source that no longer knows a collection it served. Each new
 * copy is kept in the cache. {@link #worker()} is the loop that does it in the background.
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
  private final SnapshotCache cache;
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
   * @param cache where the last good copy is kept
   * @param view what serves it
   * @param schedule how often the source is checked
   * @param clock tells when a source without versions is due for a whole read
   * @param metrics where the refresh counters go
   */
  public CollectionRefresher(
      String configId,
      String collection,
      CollectionSource source,
      SnapshotCache cache,
      CollectionView view,
      RefreshSchedule schedule,
      Clock clock,
      MeterRegistry metrics) {
    this.configId = configId;
    this.collection = collection;
    this.source = source;
    this.cache = cache;
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
      Optional<FetchedCollection> fetched;
      try {
        fetched = source.fetch();
      } catch (CollectionChangedException e) {
        changed = e;
        continue;
      } catch (SourceUnavailableException e) {
        return failed(e);
      } finally {
        reads.increment();
      }
      if (fetched.isEmpty()) {
        return absent(view.current());
      }
      lastRead = clock.instant();
      return publish(Snapshot.of(collection, fetched.get().mark(), fetched.get().items()));
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
      return publish(Snapshot.of(collection, CollectionMark.none(), List.of()));
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

  private boolean publish(Snapshot next) {
    recovered();
    Optional<Snapshot> current = view.current();
    if (current.isPresent()
        && current.get().version().equals(next.version())
        && current.get().mark().equals(next.mark())) {
      view.markStale(false);
    } else {
      view.publish(next, false);
      log.info(
          "endpoint[config={}]: collection {} refreshed: {} items (version {}, datasource {})",
          configId,
          collection,
          next.size(),
          next.version(),
          next.mark().describe());
    }
    cache.save(view.current().orElse(next));
    ok.increment();
    return true;
  }

  private boolean answered(Snapshot current) {
    recovered();
    view.markStale(false);
    cache.save(current);
    ok.increment();
    return true;
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
