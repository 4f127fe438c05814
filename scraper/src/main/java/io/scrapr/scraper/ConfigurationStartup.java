package io.scrapr.scraper;

import io.scrapr.common.config.ScrapeConfiguration;
import io.scrapr.common.work.Backoff;
import io.scrapr.common.work.Worker;
import io.scrapr.scraper.core.ConfigurationKeeper;
import io.scrapr.scraper.core.DeletedConfigurationException;
import io.scrapr.scraper.core.ScraperStatus;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the first configuration in the background: from config-discovery or the Redis copy, retried
 * with a growing backoff while neither answers (reported in {@code /health} meanwhile), so a
 * scraper started during an outage starts scraping when it ends instead of exiting. One turn of a
 * {@link Worker} that is done once the configuration is loaded (or deleted).
 */
final class ConfigurationStartup implements Worker.Turn {
  private static final Logger log = LoggerFactory.getLogger(ConfigurationStartup.class);
  // A load in flight when the scraper stops is cut short after this: nothing depends on it then.
  private static final Duration STOP_WAIT = Duration.ofSeconds(1);

  private final String configId;
  private final ConfigurationKeeper keeper;
  private final ScraperStatus status;
  private final Consumer<ScrapeConfiguration> onLoaded;
  // Only the worker's thread touches it.
  private final Backoff.Streak failures;

  private ConfigurationStartup(
      String configId,
      ConfigurationKeeper keeper,
      ScraperStatus status,
      Backoff backoff,
      Consumer<ScrapeConfiguration> onLoaded) {
    this.configId = configId;
    this.keeper = keeper;
    this.status = status;
    this.onLoaded = onLoaded;
    this.failures = backoff.streak();
  }

  /**
   * Creates the worker that loads the configuration; starting it starts loading.
   *
   * @param configId the configuration, for the thread's name and log lines
   * @param keeper loads and keeps the configuration
   * @param status where waiting for it, or its deletion, is reported
   * @param backoff the pauses between attempts while no source answers
   * @param onLoaded what to do with the configuration once loaded; a failure there is retried too
   */
  static Worker worker(
      String configId,
      ConfigurationKeeper keeper,
      ScraperStatus status,
      Backoff backoff,
      Consumer<ScrapeConfiguration> onLoaded) {
    return Worker.of(
            "scraper-" + configId + "-config",
            new ConfigurationStartup(configId, keeper, status, backoff, onLoaded))
        .withStopWait(STOP_WAIT);
  }

  @Override
  public Worker.Next run() {
    try {
      ScrapeConfiguration configuration = keeper.load();
      onLoaded.accept(configuration);
      if (failures.failures() > 0) {
        log.info("scraper {}: configuration loaded after all", configId);
      }
      return Worker.Next.done();
    } catch (DeletedConfigurationException e) {
      log.warn("scraper {}: {}; nothing to scrape", configId, e.getMessage());
      status.stopped("the configuration does not exist in config-discovery");
      return Worker.Next.done();
    } catch (RuntimeException e) {
      status.waiting(e.getMessage());
      Duration pause = failures.failed();
      if (failures.failures() == 1) {
        log.warn(
            "scraper {}: cannot start scraping yet ({}); retrying in the background",
            configId,
            e.getMessage());
      }
      return Worker.Next.after(pause);
    }
  }
}
