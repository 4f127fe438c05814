package io.scrapr.datasource.store;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scrapr.common.config.ScrapeConfiguration;
import io.scrapr.common.mongo.MongoLease;
import io.scrapr.datasource.store.CollectionReducer.Reduction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reduction of every {@code tmp_<collection>} at a fixed delay on a thread of its own, and
 * keeps the reduction metrics. A collection whose reduction fails is logged and tried again on the
 * next run; the others go on.
 */
public final class ReduceLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReduceLoop.class);

  /**
   * The pause between runs while more is staged: a window for readers, who wait while one writes.
   */
  private static final long BREATHER_MS = 500;

  private final MongoDatabase database;
  private final CollectionReducer reducer;
  private final MongoLease lease;
  private boolean leading;
  private final Duration interval;
  private final ScheduledExecutorService executor;
  private final Counter succeeded;
  private final Counter failed;
  private final Counter reduced;
  private final Timer duration;
  private final AtomicLong staged = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();

  /**
   * Creates the loop; call {@link #start()} to begin.
   *
   * @param database the datasource's database
   * @param reducer reduces one collection
   * @param interval the pause between the end of one run and the start of the next
   * @param lease runs happen only while it is held, so one replica reduces
   * @param metrics where the reduction metrics are registered
   */
  public ReduceLoop(
      MongoDatabase database,
      CollectionReducer reducer,
      Duration interval,
      MongoLease lease,
      MeterRegistry metrics) {
    this.database = database;
    this.reducer = reducer;
    this.lease = lease;
    this.interval = interval;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "reducer-" + database.getName());
              thread.setDaemon(true);
              return thread;
            });
    this.succeeded =
        Counter.builder("scrapr_datasource_reduce_runs")
            .description("Reduction runs over all staged collections")
            .tag("outcome", "ok")
            .register(metrics);
    this.failed =
        Counter.builder("scrapr_datasource_reduce_runs")
            .description("Reduction runs over all staged collections")
            .tag("outcome", "failed")
            .register(metrics);
    this.reduced =
        Counter.builder("scrapr_datasource_items_reduced")
            .description("Staged items reduced into their collections")
            .register(metrics);
    this.duration =
        Timer.builder("scrapr_datasource_reduce_duration")
            .description("How long a reduction run takes")
            .register(metrics);
    Gauge.builder("scrapr_datasource_entries_staged", staged, AtomicLong::get)
        .description(
            "Staged entries (a batch, or part of a large one) waiting for the next reduction")
        .register(metrics);
    Gauge.builder("scrapr_datasource_collections", collections, AtomicLong::get)
        .description("Collections the datasource knows")
        .register(metrics);
  }

  /** Starts running the reduction every interval. */
  public ReduceLoop start() {
    executor.scheduleWithFixedDelay(
        this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Reduces every staged collection now, on the caller's thread, again and again while a run leaves
   * more staged, as long as the lease is held.
   */
  void runOnce() {
    if (!lease.held()) {
      leading = false;
      return;
    }
    if (!leading) {
      reducer.settleUnfinished();
      leading = true;
    }
    while (pass() && lease.held()) {
      try {
        Thread.sleep(BREATHER_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One run over every staged collection; returns whether any has more waiting. */
  private boolean pass() {
    boolean ok = true;
    boolean more = false;
    long start = System.nanoTime();
    long stillStaged = 0;
    for (String collection : stagedCollections()) {
      try {
        Optional<Reduction> reduction = reducer.reduce(collection);
        reduction.ifPresent(this::logReduction);
        more |= reduction.map(Reduction::more).orElse(false);
        stillStaged += database.getCollection(StoreNames.staging(collection)).countDocuments();
      } catch (MongoException e) {
        ok = false;
        log.warn(
            "reduction of {} failed: {}; retrying on the next run", collection, e.getMessage());
      } catch (RuntimeException e) {
        ok = false;
        log.error("reduction of {} failed; retrying on the next run", collection, e);
      }
    }
    duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    (ok ? succeeded : failed).increment();
    staged.set(stillStaged);
    collections.set(database.getCollection(StoreNames.STATS).countDocuments());
    return more;
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (MongoException e) {
      failed.increment();
      log.warn("reduction run failed: {}; retrying in {} ms", e.getMessage(), interval.toMillis());
    } catch (RuntimeException e) {
      // An exception escaping a scheduled task would cancel every later run.
      failed.increment();
      log.error("reduction run failed; retrying in {} ms", interval.toMillis(), e);
    }
  }

  private List<String> stagedCollections() {
    List<String> names = new ArrayList<>();
    for (String name : database.listCollectionNames()) {
      if (name.startsWith(StoreNames.TMP_PREFIX)) {
        String collection = name.substring(StoreNames.TMP_PREFIX.length());
        if (ScrapeConfiguration.isCollectionName(collection)) {
          names.add(collection);
        }
      }
    }
    names.sort(null);
    return names;
  }

  private void logReduction(Reduction reduction) {
    reduced.increment(reduction.reduced());
    log.info(
        "{}: reduced {} staged items; the collection holds {} items",
        reduction.collection(),
        reduction.reduced(),
        reduction.count());
  }

  /** Stops after the run in hand (waiting up to 10 s for it) and ends the thread. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("reduction still running after 10 s; interrupting it");
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
