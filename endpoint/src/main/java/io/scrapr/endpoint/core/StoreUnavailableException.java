package io.scrapr.endpoint.core;

/**
 * The store that holds the snapshots' chunks (Redis) could not be read or written, or no longer
 * holds a chunk a manifest names.
 */
public final class StoreUnavailableException extends RuntimeException {
  /**
   * Creates the failure.
   *
   * @param message what could not be done, with the key or generation
   * @param cause the store client's failure, if any
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
