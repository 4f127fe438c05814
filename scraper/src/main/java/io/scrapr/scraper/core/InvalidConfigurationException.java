package io.scrapr.scraper.core;

/** config-discovery handed out a configuration this scraper cannot run (wrong type, invalid). */
public final class InvalidConfigurationException extends RuntimeException {
  /** Creates the failure naming the configuration and what is wrong with it. */
  public InvalidConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
