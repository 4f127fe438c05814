package io.scrapr.common.configsource;

/** config-discovery says the configuration no longer exists: the service should stop. */
public final class ConfigurationDeletedException extends RuntimeException {
  /** Creates the failure naming the configuration. */
  public ConfigurationDeletedException(String configId) {
    super("configuration " + configId + " no longer exists in config-discovery");
  }
}
