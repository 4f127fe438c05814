package io.scrapr.common.errors;

/** The addressed resource does not exist (HTTP 404 at the edge). */
public final class NotFoundException extends DomainException {
  /** Creates a failure whose message names what was not found. */
  public NotFoundException(String message) {
    super(message);
  }
}
