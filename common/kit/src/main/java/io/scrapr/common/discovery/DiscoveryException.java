package io.scrapr.common.discovery;

/** The service registry could not be reached or refused a call. */
public final class DiscoveryException extends RuntimeException {
  /** Wraps a registry failure with what was being done. */
  public DiscoveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
