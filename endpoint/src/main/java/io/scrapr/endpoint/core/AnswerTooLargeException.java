package io.scrapr.endpoint.core;

import java.util.Objects;

/**
 * A query whose answer would exceed a bound of the representation it asks for (too many CSV
 * columns, too many bytes of CSV): the request can never succeed as it is, and the message says
 * which parameter to change and how.
 */
public final class AnswerTooLargeException extends RuntimeException {
  private final String parameter;

  /**
   * Creates the refusal.
   *
   * @param parameter the query parameter to change, e.g. {@code fields} or {@code limit}
   * @param message what was exceeded and what to ask for instead
   */
  public AnswerTooLargeException(String parameter, String message) {
    super(message, null, false, false);
    this.parameter = Objects.requireNonNull(parameter, "parameter");
  }

  /** Returns the query parameter to change. */
  public String parameter() {
    return parameter;
  }
}
