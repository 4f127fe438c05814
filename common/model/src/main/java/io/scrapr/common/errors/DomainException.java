package io.scrapr.common.errors;

/**
 * A failure the caller can act on, said in the domain's words. It knows no protocol: the HTTP edge
 * (the service kit's {@code HttpService}) maps each subclass to a status and a problem+json body in
 * one place, so a core throws these and never an HTTP type.
 */
public abstract class DomainException extends RuntimeException {
  /** Creates a failure whose message says what happened this time. */
  protected DomainException(String message) {
    super(message);
  }
}
