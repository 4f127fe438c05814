package io.scrapr.scraper.core;

/** The configuration could be neither fetched from config-discovery nor read from its copy. */
public final class UnavailableConfigurationException extends RuntimeException {
  /** Creates the failure naming the configuration and why, with its cause. */
  public UnavailableConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
