package io.scrapr.scraper.core;

import io.scrapr.common.config.ScrapeConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scrape, start to end: load the configuration again, crawl its pages, spool the items in
 * batches, ask for delivery, record and report the outcome. The scheduler makes sure two runs never
 * overlap.
 */
public final class ScrapeRunner {
  private static final Logger log = LoggerFactory.getLogger(ScrapeRunner.class);

  private final String configId;
  private final ConfigurationKeeper configuration;
  private final PageSource pages;
  private final BatchQueue queue;
  private final Runnable deliver;
  private final RunNotifier notifier;
  private final ScraperMetrics metrics;
  private final ScraperStatus status;
  private final int batchSize;
  private final Clock clock;
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
   * @param notifier calls the configuration's notify URL
   * @param metrics counts pages, items, failures, durations
   * @param status records the outcome
   * @param batchSize the most items in one batch
   * @param clock the time source
   */
  public ScrapeRunner(
      String configId,
      ConfigurationKeeper configuration,
      PageSource pages,
      BatchQueue queue,
      Runnable deliver,
      RunNotifier notifier,
      ScraperMetrics metrics,
      ScraperStatus status,
      int batchSize,
      Clock clock) {
    this.configId = configId;
    this.configuration = configuration;
    this.pages = pages;
    this.queue = queue;
    this.deliver = deliver;
    this.notifier = notifier;
    this.metrics = metrics;
    this.status = status;
    this.batchSize = batchSize;
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
      config.notifyUrl().ifPresent(url -> notifier.notify(url, report));
      return Optional.of(Duration.ofSeconds(config.ttl()));
    } finally {
      runningThread = null;
      Thread.interrupted(); // a cancel aimed at this run must not hit the scheduler's thread later
    }
  }

  /** Stops a running scrape at the next page and refuses further ones (the scraper is closing). */
  public void cancel() {
    cancelled = true;
    Thread thread = runningThread;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private RunReport scrape(ScrapeConfiguration config) {
    Instant startedAt = clock.instant();
    List<RunError> errors = new ArrayList<>();
    int pageCount = 0;
    int itemCount = 0;
    try {
      queue.ensureReachable();
      ItemBatcher batcher =
          new ItemBatcher(
              queue, config.collection(), configId, config.effectiveKey(), batchSize, clock);
      Crawl.Result crawl =
          new Crawl(configId, pages, () -> cancelled).run(config.scraper(), batcher::add);
      pageCount = crawl.pages();
      errors.addAll(crawl.errors());
      try {
        batcher.flush();
      } catch (SpoolException e) {
        errors.add(new RunError("", FailureReason.SPOOL.tag(), e.getMessage()));
      }
      itemCount = batcher.appended();
      deliver.run();
    } catch (SpoolException e) {
      log.warn("scraper {}: run skipped: {}", configId, e.getMessage());
      errors.add(new RunError("", FailureReason.SPOOL.tag(), e.getMessage()));
    }
    RunReport report =
        new RunReport(
            configId,
            config.collection(),
            startedAt,
            clock.instant(),
            pageCount,
            itemCount,
            errors);
    metrics.run(report);
    status.ran(report);
    log.info(
        "scraper {}: run finished in {} ms: {} pages, {} items, {} errors",
        configId,
        report.duration().toMillis(),
        pageCount,
        itemCount,
        errors.size());
    return report;
  }
}
