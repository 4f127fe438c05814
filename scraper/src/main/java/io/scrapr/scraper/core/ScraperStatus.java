package io.scrapr.scraper.core;

import io.scrapr.common.config.ScrapeConfiguration;
import java.time.Instant;
import java.util.Optional;

/** What the scraper is doing, for {@code /status} and {@code /health}: its state and last run. */
public final class ScraperStatus {

  /** The scraper's state. */
  public enum State {
    /** The configuration is not loaded yet; loading is retried in the background. */
    WAITING_FOR_CONFIGURATION,
    /** Scraping every {@code ttl} seconds. */
    SCHEDULED,
    /** The configuration was deleted; nothing is scraped any more. */
    STOPPED
  }

  /**
   * A consistent view of the status.
   *
   * @param state the state
   * @param detail why it is in that state, for humans
   * @param configuration the configuration in use, if loaded
   * @param lastRun the last run, if any
   * @param lastSuccessAt when the last run without errors finished, if any
   * @param runs how many runs finished since the scraper started
   */
  public record Snapshot(
      State state,
      String detail,
      Optional<ScrapeConfiguration> configuration,
      Optional<RunReport> lastRun,
      Optional<Instant> lastSuccessAt,
      long runs) {}

  private Snapshot snapshot =
      new Snapshot(
          State.WAITING_FOR_CONFIGURATION,
          "loading the configuration",
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          0);

  /** Returns the current status. */
  public synchronized Snapshot snapshot() {
    return snapshot;
  }

  /** Records that the configuration could not be loaded yet, and why. */
  public synchronized void waiting(String why) {
    snapshot =
        new Snapshot(
            State.WAITING_FOR_CONFIGURATION,
            why,
            snapshot.configuration(),
            snapshot.lastRun(),
            snapshot.lastSuccessAt(),
            snapshot.runs());
  }

  /** Records that scraping is scheduled with a configuration. */
  public synchronized void scheduled(ScrapeConfiguration configuration) {
    snapshot =
        new Snapshot(
            State.SCHEDULED,
            "scraping every " + configuration.ttl() + "s",
            Optional.of(configuration),
            snapshot.lastRun(),
            snapshot.lastSuccessAt(),
            snapshot.runs());
  }

  /** Records that scraping stopped for good, and why. */
  public synchronized void stopped(String why) {
    snapshot =
        new Snapshot(
            State.STOPPED,
            why,
            snapshot.configuration(),
            snapshot.lastRun(),
            snapshot.lastSuccessAt(),
            snapshot.runs());
  }

  /** Records a finished run. */
  synchronized void ran(RunReport report) {
    snapshot =
        new Snapshot(
            snapshot.state(),
            snapshot.detail(),
            snapshot.configuration(),
            Optional.of(report),
            report.succeeded() ? Optional.of(report.finishedAt()) : snapshot.lastSuccessAt(),
            snapshot.runs() + 1);
  }
}
