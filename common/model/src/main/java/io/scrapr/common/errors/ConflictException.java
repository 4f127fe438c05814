package io.scrapr.common.errors;

/** The request conflicts with the resource's current state (HTTP 409 at the edge). */
public final class ConflictException extends DomainException {
  /** Creates a conflict whose message says what it conflicts with. */
  public ConflictException(String message) {
    super(message);
  }
}
