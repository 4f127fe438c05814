package io.scrapr.endpoint.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the collection from its source now and then every {@code ttl}, publishes each new copy to
 * the view and keeps it in the cache; when a pull fails the view keeps its last good copy, marked
 * stale, and the next pull comes sooner (at most {@link #MAX_RETRY_DELAY} later).
 */
public final class CollectionRefresher implements AutoCloseable {
  /** The longest wait after a failed pull before the next attempt. */
  static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(10);

  static final Duration EMPTY_RETRY_DELAY = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(CollectionRefresher.class);

  private final String configId;
  private final String collection;
  private final CollectionSource source;
  private final SnapshotCache cache;
  private final CollectionView view;
  private final Duration interval;
  private final Counter ok;
  private final Counter failed;
  private final ScheduledExecutorService executor;
  // Only touched by the refresh thread (or a test calling refresh() directly).
  private int failuresInARow;

  /**
   * Creates a refresher; nothing runs before {@link #start()}.
   *
   * @param configId the endpoint configuration's id, for log lines
   * @param collection the collection's name
   * @param source where the collection is pulled from
   * @param cache where the last good copy is kept
   * @param view what serves it
   * @param interval the configuration's {@code ttl}
   * @param metrics where the refresh counters go
   */
  public CollectionRefresher(
      String configId,
      String collection,
      CollectionSource source,
      SnapshotCache cache,
      CollectionView view,
      Duration interval,
      MeterRegistry metrics) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    this.configId = configId;
    this.collection = collection;
    this.source = source;
    this.cache = cache;
    this.view = view;
    this.interval = interval;
    this.ok = refreshes(metrics, collection, "ok");
    this.failed = refreshes(metrics, collection, "failed");
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "endpoint-refresh-" + collection);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Pulls now in the background, then keeps pulling; returns this. */
  public CollectionRefresher start() {
    executor.execute(this::refreshAndReschedule);
    return this;
  }

  /**
   * Pulls once and publishes the result.
   *
   * @return whether the pull succeeded
   */
  public boolean refresh() {
    FetchedCollection fetched;
    try {
      fetched = source.fetch();
    } catch (SourceUnavailableException e) {
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
    if (failuresInARow > 0) {
      log.info(
          "endpoint[config={}]: the datasource answers again after {} failed refreshes",
          configId,
          failuresInARow);
      failuresInARow = 0;
    }
    Snapshot next = Snapshot.of(collection, fetched.updatedAt(), fetched.items());
    Optional<Snapshot> current = view.current();
    if (current.isPresent() && current.get().version().equals(next.version())) {
      view.markStale(false);
    } else {
      view.publish(next, false);
      log.info(
          "endpoint[config={}]: collection {} refreshed: {} items (version {})",
          configId,
          collection,
          next.size(),
          next.version());
    }
    cache.save(view.current().orElse(next));
    ok.increment();
    return true;
  }

  /** Stops pulling; waits briefly for a pull in progress. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("endpoint[config={}]: a refresh of {} is still running", configId, collection);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void refreshAndReschedule() {
    boolean succeeded = false;
    try {
      succeeded = refresh();
    } catch (RuntimeException e) {
      // A bug must not end the refreshes: the next one may well succeed.
      failed.increment();
      view.markStale(true);
      log.error("endpoint[config={}]: refresh of {} failed", configId, collection, e);
    } finally {
      Duration delay = nextDelay(succeeded);
      try {
        executor.schedule(this::refreshAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // close() was called during this refresh: nothing more to schedule.
      }
    }
  }

  /**
   * A failed pull is retried within {@code MAX_RETRY_DELAY}; while the collection is still empty (a
   * configuration just posted, its first scrape under way) it is pulled every {@code
   * EMPTY_RETRY_DELAY}, so the first items show within seconds rather than after a whole ttl.
   */
  private Duration nextDelay(boolean succeeded) {
    boolean empty = view.current().map(snapshot -> snapshot.size() == 0).orElse(true);
    Duration wanted = empty ? EMPTY_RETRY_DELAY : succeeded ? interval : MAX_RETRY_DELAY;
    return wanted.compareTo(interval) < 0 ? wanted : interval;
  }

  private static Counter refreshes(MeterRegistry metrics, String collection, String outcome) {
    return Counter.builder("scrapr.endpoint.refreshes")
        .description("pulls of the collection from the datasource")
        .tag("collection", collection)
        .tag("outcome", outcome)
        .register(metrics);
  }
}
