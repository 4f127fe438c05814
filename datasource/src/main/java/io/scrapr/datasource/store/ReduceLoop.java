package io.scrapr.datasource.store;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scrapr.common.config.ScrapeConfiguration;
import io.scrapr.common.mongo.MongoLease;
import io.scrapr.common.work.Failures;
import io.scrapr.common.work.Worker;
import io.scrapr.common.work.Worker.Next;
import io.scrapr.datasource.store.CollectionReducer.Reduction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reduction of every {@code tmp_<collection>}, one run per turn of a {@link Worker}, and the
 * reduction metrics. A run comes an interval after the last, or a breather after it while more is
 * staged, and only while the lease is held. A collection whose reduction fails is logged and tried
 * again on the next run; the others go on.
 */
public final class ReduceLoop implements Worker.Turn {
  private static final Logger log = LoggerFactory.getLogger(ReduceLoop.class);

  private final MongoDatabase database;
  private final CollectionReducer reducer;
  private final MongoLease lease;
  private final Duration interval;
  private final Duration breather;
  private final Counter succeeded;
  private final Counter failed;
  private final Counter reduced;
  private final Timer duration;
  private final AtomicLong staged = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();

  /** Whether this replica held the lease at its last run; only the worker's thread touches it. */
  private boolean leading;

  /** Whether the loop waits out its interval (not a breather): a staged entry may wake it. */
  private volatile boolean idle;

  private volatile Worker worker;

  /**
   * Creates the loop and registers its metrics; {@link #worker()} runs it.
   *
   * @param database the datasource's database
   * @param reducer reduces one collection
   * @param interval the pause between the end of one run and the start of the next
   * @param breather the pause instead while a run left more staged: a window for readers, who wait
   *     while one writes
   * @param lease runs happen only while it is held, so one replica reduces
   * @param metrics where the reduction metrics are registered
   */
  public ReduceLoop(
      MongoDatabase database,
      CollectionReducer reducer,
      Duration interval,
      Duration breather,
      MongoLease lease,
      MeterRegistry metrics) {
    this.database = Objects.requireNonNull(database, "database");
    this.reducer = Objects.requireNonNull(reducer, "reducer");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.breather = Objects.requireNonNull(breather, "breather");
    this.lease = Objects.requireNonNull(lease, "lease");
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

  /**
   * Returns the worker that runs the reduction on a thread named {@code reducer-<database>}; a
   * failed run is counted, logged by the worker and tried again an interval later.
   */
  public Worker worker() {
    Worker made =
        Worker.of("reducer-" + database.getName(), this).withFailureBackoff(interval, interval);
    worker = made;
    return made;
  }

  /**
   * Tells the loop that entries were staged: an idle loop runs at once instead of at the end of its
   * interval, so a scrape's items are reduced (and readable) as soon as they are staged. A breather
   * is not cut short: it is the readers' window while a backlog is reduced.
   */
  public void staged() {
    Worker running = worker;
    if (idle && running != null) {
      running.wakeUp();
    }
  }

  /**
   * Reduces every staged collection once, when the lease is held, and says when to run again: after
   * the breather when the run left more staged and the lease is still held, else after the
   * interval.
   */
  @Override
  public Next run() {
    idle = false;
    if (!lease.held()) {
      leading = false;
      idle = true;
      return Next.after(interval);
    }
    try {
      if (!leading) {
        reducer.settleUnfinished();
        leading = true;
      }
      if (pass() && lease.held()) {
        return Next.after(breather);
      }
      idle = true;
      return Next.after(interval);
    } catch (RuntimeException e) {
      failed.increment();
      throw e;
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
            "reduction of {} failed: {}; retrying on the next run",
            collection,
            Failures.describe(e));
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
}
