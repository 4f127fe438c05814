package io.scrapr.endpoint.core;

/** The collection's source could not be reached, or gave an answer that cannot be used. */
public final class SourceUnavailableException extends RuntimeException {
  /** Creates the failure, saying what was asked and what went wrong. */
  public SourceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
