package io.scrapr.datasource.core;

/**
 * The item log is too far behind to take a batch now (back-pressure): the sender keeps the batch
 * and sends it again after {@link #retryAfterSeconds()}.
 */
public final class ItemLogFullException extends RuntimeException {
  private final int retryAfterSeconds;

  /**
   * Creates the exception.
   *
   * @param message what is full and by how much
   * @param retryAfterSeconds when to send again
   * @param cause the storage's own exception
   */
  public ItemLogFullException(String message, int retryAfterSeconds, Throwable cause) {
    super(message, cause);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Returns when the sender should try again, in seconds. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
