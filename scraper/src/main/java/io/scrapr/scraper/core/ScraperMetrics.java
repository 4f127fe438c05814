package io.scrapr.scraper.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scraper's metrics: pages fetched, items scraped, failures by reason, batches delivered and
 * dropped, the spool's depth, the time of the last successful run and how long runs take.
 */
public final class ScraperMetrics {
  private final MeterRegistry registry;
  private final Counter pages;
  private final Counter items;
  private final Counter batchesSent;
  private final Counter batchesDropped;
  private final Timer runs;
  private final AtomicLong spoolDepth = new AtomicLong();
  private final AtomicLong lastSuccess = new AtomicLong();

  /** Registers the meters. */
  public ScraperMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.pages =
        Counter.builder("scrapr.scraper.pages.fetched")
            .description("Pages fetched and parsed")
            .register(registry);
    this.items =
        Counter.builder("scrapr.scraper.items.scraped")
            .description("Items extracted and spooled")
            .register(registry);
    this.batchesSent =
        Counter.builder("scrapr.scraper.batches.delivered")
            .description("Batches the datasource accepted")
            .register(registry);
    this.batchesDropped =
        Counter.builder("scrapr.scraper.batches.dropped")
            .description("Batches the datasource refused with a 4xx; they can never succeed")
            .register(registry);
    this.runs =
        Timer.builder("scrapr.scraper.run.duration")
            .description("How long one scrape takes")
            .register(registry);
    Gauge.builder("scrapr.scraper.spool.depth", spoolDepth, AtomicLong::get)
        .description("Batches waiting in Redis for the datasource")
        .register(registry);
    Gauge.builder("scrapr.scraper.last.success", lastSuccess, AtomicLong::get)
        .description("When the last run without errors finished, in seconds since the epoch")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Counts a failure, tagged with its reason. */
  public void failure(String reason) {
    Counter.builder("scrapr.scraper.failures")
        .description("Failures by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Records a finished run. */
  void run(RunReport report) {
    pages.increment(report.pages());
    items.increment(report.items());
    runs.record(report.duration());
    report.errors().forEach(e -> failure(e.reason()));
    if (report.succeeded()) {
      lastSuccess.set(report.finishedAt().getEpochSecond());
    }
  }

  /** Counts a batch the datasource accepted. */
  public void batchDelivered() {
    batchesSent.increment();
  }

  /** Counts a batch the datasource refused for good. */
  public void batchDropped() {
    batchesDropped.increment();
  }

  /** Returns how many batches were dropped. */
  public long droppedBatches() {
    return (long) batchesDropped.count();
  }

  /** Sets the spool depth last seen. */
  public void spoolDepth(long depth) {
    spoolDepth.set(depth);
  }
}
