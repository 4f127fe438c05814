package io.scrapr.scraper.core;

/** config-discovery says this scraper's configuration no longer exists: scraping must stop. */
public final class DeletedConfigurationException extends RuntimeException {
  /** Creates the failure naming the configuration, with the source's own failure as cause. */
  public DeletedConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
