package io.scrapr.scraper.core;

import io.scrapr.common.api.StoredConfiguration;

/**
 * Where the scraper's configuration comes from: in production config-discovery with the copy cached
 * in Redis, in tests a fixed answer. The port {@link ConfigurationKeeper} loads through.
 */
@FunctionalInterface
public interface ConfigurationLoader {
  /**
   * Loads the configuration as stored.
   *
   * @return the stored configuration
   * @throws DeletedConfigurationException when config-discovery no longer has it
   * @throws UnavailableConfigurationException when no source has it
   */
  StoredConfiguration load();
}
