package io.scrapr.datasource.core;

/**
 * A batch that may or may not have reached the item log, and cannot be promised to be read: the
 * sender must send it again (harmless, since batches and items are applied idempotently).
 */
public final class ItemLogUnavailableException extends RuntimeException {
  /**
   * Creates the exception.
   *
   * @param message what happened
   * @param cause the storage's own exception
   */
  public ItemLogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
