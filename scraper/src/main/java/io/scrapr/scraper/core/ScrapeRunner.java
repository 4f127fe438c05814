package io.scrapr.scraper.core;

import io.scrapr.common.config.ScrapeConfiguration;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scrape, start to end: load the configuration again, crawl its pages, spool the items in
 * batches, ask for delivery and wait a little for it, record and report the outcome. Whatever fails
 * inside a run, expected or not, ends up in its report. The scheduler makes sure two runs never
 * overlap.
 */
public final class ScrapeRunner {
  private static final Logger log = LoggerFactory.getLogger(ScrapeRunner.class);

  /** The longest a run waits for its batches to reach the datasource before it reports. */
  static final Duration DELIVERY_WAIT = Duration.ofSeconds(10);

  private final String configId;
  private final ConfigurationKeeper configuration;
  private final PageSource pages;
  private final BatchQueue queue;
  private final Runnable deliver;
  private final DeliveryState delivery;
  private final RunNotifier notifier;
  private final ScraperMetrics metrics;
  private final ScraperStatus status;
  private final int batchSize;
  private final CrawlLimits limits;
  private final Clock clock;
  private final Object idle = new Object();
  private volatile boolean cancelled;
  private volatile Thread runningThread;

  /**
   * Creates the runner.
   *
   * @param configId the configuration's id
   * @param configuration loads the configuration before each run
   * @param pages fetches pages
   * @param queue the spool
   * @param deliver asks for the spool to be delivered
   * @param delivery where the drainer reports what became of the run's batches
   * @param notifier calls the configuration's notify URL
   * @param metrics counts pages, items, failures, durations
   * @param status records the outcome
   * @param batchSize the most items in one batch
   * @param limits the bounds of each run: time per page and per run, size per item
   * @param clock the time source
   */
  public ScrapeRunner(
      String configId,
      ConfigurationKeeper configuration,
      PageSource pages,
      BatchQueue queue,
      Runnable deliver,
      DeliveryState delivery,
      RunNotifier notifier,
      ScraperMetrics metrics,
      ScraperStatus status,
      int batchSize,
      CrawlLimits limits,
      Clock clock) {
    this.configId = configId;
    this.configuration = configuration;
    this.pages = pages;
    this.queue = queue;
    this.deliver = deliver;
    this.delivery = delivery;
    this.notifier = notifier;
    this.metrics = metrics;
    this.status = status;
    this.batchSize = batchSize;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Runs one scrape.
   *
   * @return the interval until the next run (the configuration's ttl), or empty when the
   *     configuration was deleted and scraping must stop
   */
  public Optional<Duration> run() {
    if (cancelled) {
      return Optional.empty();
    }
    runningThread = Thread.currentThread();
    try {
      Optional<ScrapeConfiguration> loaded = configuration.refresh();
      if (loaded.isEmpty()) {
        log.warn(
            "scraper {}: the configuration was deleted from config-discovery; scraping stops",
            configId);
        status.stopped("the configuration was deleted from config-discovery");
        return Optional.empty();
      }
      ScrapeConfiguration config = loaded.get();
      status.scheduled(config);
      RunReport report = scrape(config);
      config.notifyUrl().ifPresent(url -> notify(url, report));
      return Optional.of(Duration.ofSeconds(config.ttl()));
    } finally {
      synchronized (idle) {
        runningThread = null;
        Thread.interrupted(); // a cancel aimed at this run must not hit the scheduler's thread
        idle.notifyAll();
      }
    }
  }

  /**
   * Stops a running scrape (it ends at once: a fetch or the selectors stop when interrupted) and
   * refuses further ones (the scraper is closing).
   */
  public void cancel() {
    cancelled = true;
    synchronized (idle) {
      Thread thread = runningThread;
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  /**
   * Waits until no scrape runs, at most {@code timeout}.
   *
   * @return whether none runs now
   */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (runningThread != null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          idle.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return runningThread == null;
        }
      }
      return true;
    }
  }

  private RunReport scrape(ScrapeConfiguration config) {
    Instant startedAt = clock.instant();
    List<RunError> errors = new ArrayList<>();
    int pageCount = 0;
    ItemBatcher batcher =
        new ItemBatcher(
            queue,
            delivery,
            config.collection(),
            configId,
            config.effectiveKey(),
            batchSize,
            clock);
    RunDelivery delivered = RunDelivery.none(0);
    int notSpooled = 0;
    try {
      queue.ensureReachable();
      Crawl.Result crawl =
          new Crawl(configId, pages, () -> cancelled, limits, System::nanoTime)
              .run(config.scraper(), batcher::add);
      pageCount = crawl.pages();
      notSpooled = crawl.notSpooled();
      errors.addAll(crawl.errors());
      Optional<SpoolException> spoolFailure = crawl.spoolFailure();
      if (spoolFailure.isEmpty()) {
        try {
          batcher.flush();
        } catch (SpoolException e) {
          spoolFailure = Optional.of(e);
        }
      }
      int unspooled = batcher.unspooled() + notSpooled;
      spoolFailure.ifPresent(
          e -> {
            RunError error = spoolError(e, unspooled);
            log.warn("scraper {}: {}", configId, error.message());
            errors.add(error);
          });
      delivered = awaitDelivery(batcher, unspooled, errors);
    } catch (SpoolException e) {
      log.warn("scraper {}: run skipped: {}", configId, e.getMessage());
      errors.add(new RunError("", FailureReason.SPOOL.tag(), e.getMessage()));
    } catch (RuntimeException e) {
      log.error("scraper {}: the run failed unexpectedly; its report says so", configId, e);
      errors.add(new RunError("", FailureReason.INTERNAL.tag(), "unexpected failure: " + e));
      deliver.run(); // what was spooled before the failure goes out all the same
      delivered = RunDelivery.of(batcher.batchIds(), Map.of(), batcher.unspooled() + notSpooled);
    }
    RunReport report =
        new RunReport(
            configId,
            config.collection(),
            startedAt,
            clock.instant(),
            pageCount,
            batcher.appended(),
            delivered,
            errors);
    metrics.run(report);
    status.ran(report);
    log.info(
        "scraper {}: run finished in {} ms: {} pages, {} items ({} batches delivered, {} waiting"
            + " in the spool), {} errors",
        configId,
        report.duration().toMillis(),
        pageCount,
        report.items(),
        delivered.delivered(),
        delivered.pending(),
        errors.size());
    return report;
  }

  /** Asks for delivery and waits a little for the run's batches, so the report can tell. */
  private RunDelivery awaitDelivery(ItemBatcher batcher, int unspooled, List<RunError> errors) {
    List<String> batchIds = batcher.batchIds();
    long round = delivery.round();
    deliver.run();
    if (batchIds.isEmpty()) {
      return RunDelivery.none(unspooled);
    }
    Map<String, BatchOutcome> outcomes;
    try {
      outcomes = delivery.awaitSettled(batchIds, round, DELIVERY_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcomes = Map.of();
    }
    RunDelivery result = RunDelivery.of(batchIds, outcomes, unspooled);
    errors.addAll(DeliveryErrors.of(result, outcomes));
    return result;
  }

  private RunError spoolError(SpoolException e, int unspooled) {
    metrics.itemsUnspooled(unspooled);
    if (e instanceof SpoolFullException full) {
      return new RunError(
          "",
          FailureReason.SPOOL_FULL.tag(),
          "spool full: "
              + delivery.describeHold()
              + "; "
              + unspooled
              + " items could not be spooled and the crawl stopped (the spool holds "
              + full.usedBytes()
              + " bytes of at most "
              + full.maxBytes()
              + ", SCRAPR_SPOOL_MAX_BYTES)");
    }
    return new RunError(
        "",
        FailureReason.SPOOL.tag(),
        e.getMessage() + "; " + unspooled + " items could not be spooled");
  }

  private void notify(URI url, RunReport report) {
    try {
      notifier.notify(url, report);
    } catch (RuntimeException e) {
      metrics.failure("notify");
      log.error("scraper {}: notifying {} failed unexpectedly", configId, url, e);
    }
  }
}
