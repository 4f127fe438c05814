package io.scrapr.common.configsource;

/** A service's configuration could be neither fetched nor read from its Redis cache. */
public final class ConfigurationUnavailableException extends RuntimeException {
  /** Creates the failure naming the configuration and why. */
  public ConfigurationUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
