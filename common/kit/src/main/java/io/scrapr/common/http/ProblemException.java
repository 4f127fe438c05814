package io.scrapr.common.http;

import io.scrapr.common.errors.FieldError;
import java.util.List;

/**
 * A failure that maps to one HTTP status and an RFC 9457 problem+json body. Subclasses name the
 * status; the HTTP bootstrap turns every one of them into a response in one place.
 */
public class ProblemException extends RuntimeException {
  private final int status;
  private final String title;
  private final List<FieldError> errors;

  /**
   * Creates a problem.
   *
   * @param status the HTTP status
   * @param title the short, stable summary of the problem type
   * @param detail what happened this time
   * @param errors the fields at fault, may be empty
   */
  public ProblemException(int status, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns the short summary of the problem type. */
  public String title() {
    return title;
  }

  /** Returns the fields at fault; empty when the problem is not about fields. */
  public List<FieldError> errors() {
    return errors;
  }
}
