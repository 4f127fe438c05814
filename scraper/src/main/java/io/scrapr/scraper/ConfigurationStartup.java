package io.scrapr.scraper;

import io.scrapr.common.config.ScrapeConfiguration;
import io.scrapr.common.configsource.ConfigurationDeletedException;
import io.scrapr.scraper.core.ConfigurationKeeper;
import io.scrapr.scraper.core.ScraperStatus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the first configuration in the background: from config-discovery or the Redis copy, retried
 * with a growing backoff while neither answers (reported in {@code /health} meanwhile), so a
 * scraper started during an outage starts scraping when it ends instead of exiting.
 */
final class ConfigurationStartup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigurationStartup.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  private final String configId;
  private final ConfigurationKeeper keeper;
  private final ScraperStatus status;
  private final Duration maxBackoff;
  private final Consumer<ScrapeConfiguration> onLoaded;
  private final ScheduledExecutorService executor;
  private Duration backoff = FIRST_BACKOFF;
  private boolean warned;

  ConfigurationStartup(
      String configId,
      ConfigurationKeeper keeper,
      ScraperStatus status,
      Duration maxBackoff,
      Consumer<ScrapeConfiguration> onLoaded) {
    this.configId = configId;
    this.keeper = keeper;
    this.status = status;
    this.maxBackoff = maxBackoff;
    this.onLoaded = onLoaded;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "scraper-" + configId + "-config");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts loading. */
  void begin() {
    executor.execute(this::attempt);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void attempt() {
    try {
      ScrapeConfiguration configuration = keeper.load();
      onLoaded.accept(configuration);
      if (warned) {
        log.info("scraper {}: configuration loaded after all", configId);
      }
    } catch (ConfigurationDeletedException e) {
      log.warn("scraper {}: {}; nothing to scrape", configId, e.getMessage());
      status.stopped("the configuration does not exist in config-discovery");
    } catch (RuntimeException e) {
      status.waiting(e.getMessage());
      if (!warned) {
        log.warn(
            "scraper {}: cannot start scraping yet ({}); retrying in the background",
            configId,
            e.getMessage());
        warned = true;
      }
      retryLater();
    }
  }

  private void retryLater() {
    try {
      executor.schedule(this::attempt, backoff.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return; // closing
    }
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
  }
}
