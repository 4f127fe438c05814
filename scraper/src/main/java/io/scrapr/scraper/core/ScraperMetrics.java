package io.scrapr.scraper.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scraper's metrics: pages fetched, items scraped, failures by reason, batches delivered,
 * dropped and dead-lettered, items refused and not spooled, back-pressure, the spool's depth and
 * size, the time of the last successful run and how long runs take.
 */
public final class ScraperMetrics {
  private final MeterRegistry registry;
  private final Tags tags;
  private final Counter pages;
  private final Counter items;
  private final Counter batchesSent;
  private final Counter batchesDropped;
  private final Counter batchesDeadLettered;
  private final Counter itemsRefused;
  private final Counter itemsUnspooled;
  private final Counter backPressure;
  private final Timer runs;
  private final AtomicLong spoolDepth = new AtomicLong();
  private final AtomicLong spoolBytes = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong backPressureActive = new AtomicLong();
  private final AtomicLong lastSuccess = new AtomicLong();

  /**
   * Registers the meters, each tagged {@code config=<configId>}: several scrapers can share one JVM
   * (standalone mode), each with its own registry, and their series stay apart.
   *
   * @param registry the service's registry
   * @param configId the configuration this scraper runs
   */
  public ScraperMetrics(MeterRegistry registry, String configId) {
    this.registry = registry;
    this.tags = Tags.of("config", configId);
    this.pages = counter("scrapr.scraper.pages.fetched", "Pages fetched and parsed");
    this.items = counter("scrapr.scraper.items.scraped", "Items extracted and spooled");
    this.batchesSent =
        counter("scrapr.scraper.batches.delivered", "Batches the datasource accepted");
    this.batchesDropped =
        counter(
            "scrapr.scraper.batches.dropped",
            "Batches the datasource refused with a 4xx; they can never succeed");
    this.batchesDeadLettered =
        counter(
            "scrapr.scraper.batches.dead.lettered",
            "Batches moved to the dead-letter list after repeated server errors");
    this.itemsRefused =
        counter(
            "scrapr.scraper.items.refused",
            "Items the datasource refused alone in batches it stored");
    this.itemsUnspooled =
        counter(
            "scrapr.scraper.items.unspooled",
            "Items scraped but not spooled: the spool was full or Redis was down");
    this.backPressure =
        counter(
            "scrapr.scraper.backpressure",
            "Answers (503, 429) by which the datasource asked the drainer to wait");
    this.runs =
        Timer.builder("scrapr.scraper.run.duration")
            .description("How long one scrape takes")
            .tags(tags)
            .register(registry);
    gauge("scrapr.scraper.spool.depth", spoolDepth, "Batches waiting in Redis for the datasource");
    gauge("scrapr.scraper.spool.bytes", spoolBytes, "Bytes of batches waiting in Redis");
    gauge(
        "scrapr.scraper.spool.dead.letters",
        deadLetters,
        "Batches kept in the dead-letter list in Redis");
    gauge(
        "scrapr.scraper.backpressure.active",
        backPressureActive,
        "1 while the drainer waits because the datasource asked it to, else 0");
    Gauge.builder("scrapr.scraper.last.success", lastSuccess, AtomicLong::get)
        .description("When the last run without errors finished, in seconds since the epoch")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
  }

  /** Counts a failure, tagged with its reason. */
  public void failure(String reason) {
    Counter.builder("scrapr.scraper.failures")
        .description("Failures by reason")
        .tags(tags)
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

  /** Counts a batch the datasource accepted, and the items it refused in it. */
  public void batchDelivered(int refusedItems) {
    batchesSent.increment();
    itemsRefused.increment(refusedItems);
  }

  /** Counts a batch the datasource refused for good. */
  public void batchDropped() {
    batchesDropped.increment();
  }

  /** Counts a batch moved to the dead-letter list. */
  public void batchDeadLettered() {
    batchesDeadLettered.increment();
  }

  /** Counts items that could not be spooled. */
  void itemsUnspooled(int count) {
    itemsUnspooled.increment(count);
  }

  /** Counts an answer asking the drainer to wait, and marks the wait as on or off. */
  public void backPressure(boolean active) {
    if (active) {
      backPressure.increment();
    }
    backPressureActive.set(active ? 1 : 0);
  }

  /** Returns how many batches were dropped. */
  public long droppedBatches() {
    return (long) batchesDropped.count();
  }

  /** Sets the spool's depth, size and dead letters last seen. */
  public void spool(long depth, long bytes, long deadLetterCount) {
    spoolDepth.set(depth);
    spoolBytes.set(bytes);
    deadLetters.set(deadLetterCount);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  private void gauge(String name, AtomicLong value, String description) {
    Gauge.builder(name, value, AtomicLong::get)
        .description(description)
        .tags(tags)
        .register(registry);
  }
}
