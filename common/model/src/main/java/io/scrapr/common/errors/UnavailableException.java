package io.scrapr.common.errors;

/** A dependency needed to answer is unreachable (HTTP 503 at the edge). */
public final class UnavailableException extends DomainException {
  /** Creates a failure whose message names the missing dependency. */
  public UnavailableException(String message) {
    super(message);
  }
}
