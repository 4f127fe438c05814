package io.scrapr.scraper.core;

/** Batches could not be stored in or read from the spool. */
public sealed class SpoolException extends RuntimeException permits SpoolFullException {
  /** Creates the failure naming what was attempted, with its cause. */
  public SpoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
