package io.scrapr.scraper;

import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.configsource.ConfigurationDeletedException;
import io.scrapr.common.configsource.ConfigurationSource;
import io.scrapr.common.configsource.ConfigurationUnavailableException;
import io.scrapr.scraper.core.ConfigurationLoader;
import io.scrapr.scraper.core.DeletedConfigurationException;
import io.scrapr.scraper.core.UnavailableConfigurationException;

/**
 * The core's {@link ConfigurationLoader} on the shared {@link ConfigurationSource}
 * (config-discovery with its Redis copy): the source's failures become the core's, with the same
 * messages.
 */
final class ConfigurationSourceLoader implements ConfigurationLoader {
  private final ConfigurationSource source;

  ConfigurationSourceLoader(ConfigurationSource source) {
    this.source = source;
  }

  @Override
  public StoredConfiguration load() {
    try {
      return source.load();
    } catch (ConfigurationDeletedException e) {
      throw new DeletedConfigurationException(e.getMessage(), e);
    } catch (ConfigurationUnavailableException e) {
      throw new UnavailableConfigurationException(e.getMessage(), e);
    }
  }
}
