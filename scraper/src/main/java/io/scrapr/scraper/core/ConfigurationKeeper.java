package io.scrapr.scraper.core;

import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.config.ConfigurationParser;
import io.scrapr.common.config.ScrapeConfiguration;
import io.scrapr.common.errors.ValidationException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the scraper's configuration: loads it (from config-discovery, or the copy cached in Redis),
 * parses it, and before each run loads it again so a PUT takes effect, keeping the last good one
 * when neither source answers.
 */
public final class ConfigurationKeeper {
  private static final Logger log = LoggerFactory.getLogger(ConfigurationKeeper.class);

  private final String configId;
  private final ConfigurationLoader source;
  private volatile ScrapeConfiguration current;
  private volatile long version = -1;

  /**
   * Creates the keeper.
   *
   * @param configId the configuration's id
   * @param source loads it: config-discovery with its Redis copy, in production
   */
  public ConfigurationKeeper(String configId, ConfigurationLoader source) {
    this.configId = configId;
    this.source = source;
  }

  /**
   * Loads and parses the configuration, and keeps it.
   *
   * @throws DeletedConfigurationException when config-discovery no longer has it
   * @throws UnavailableConfigurationException when neither config-discovery nor Redis has it
   * @throws InvalidConfigurationException when it is not a valid scraper configuration
   */
  public ScrapeConfiguration load() {
    StoredConfiguration stored = source.load();
    if (stored.type() != ConfigurationType.SCRAPER) {
      throw new InvalidConfigurationException(
          "configuration " + configId + " is of type " + stored.type().wireName() + ", not scraper",
          null);
    }
    ScrapeConfiguration parsed;
    try {
      parsed = ConfigurationParser.parse(stored.configuration());
    } catch (ValidationException e) {
      throw new InvalidConfigurationException(
          "configuration " + configId + " is not a valid scraper configuration: " + e.getMessage(),
          e);
    }
    if (current != null && stored.version() != version) {
      log.info(
          "scraper {}: configuration changed (version {} -> {}); the new one applies from this run",
          configId,
          version,
          stored.version());
    }
    current = parsed;
    version = stored.version();
    return parsed;
  }

  /**
   * Loads the configuration again for a run: fresh when possible, else the last good one.
   *
   * @return the configuration to run with; empty when it was deleted (scraping must stop) or none
   *     was ever loaded
   */
  Optional<ScrapeConfiguration> refresh() {
    try {
      return Optional.of(load());
    } catch (DeletedConfigurationException e) {
      return Optional.empty();
    } catch (UnavailableConfigurationException | InvalidConfigurationException e) {
      log.warn(
          "scraper {}: cannot load the configuration again ({}); running with the last one loaded",
          configId,
          e.getMessage());
      return Optional.ofNullable(current);
    } catch (RuntimeException e) {
      // Not a failure the sources report (a malformed answer, a bug): still no reason to stop.
      log.error(
          "scraper {}: loading the configuration again failed unexpectedly; running with the last"
              + " one loaded",
          configId,
          e);
      return Optional.ofNullable(current);
    }
  }

  /** Returns the configuration last loaded, if any. */
  public Optional<ScrapeConfiguration> current() {
    return Optional.ofNullable(current);
  }
}
