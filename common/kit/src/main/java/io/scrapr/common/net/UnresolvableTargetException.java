package io.scrapr.common.net;

import java.net.URI;
import java.util.Objects;

/**
 * A URL whose host name does not resolve to any address. Not a refusal: the same URL may pass
 * {@link TargetPolicy#check} once its name resolves, so callers usually treat this as a transient
 * failure rather than a forbidden target.
 */
public final class UnresolvableTargetException extends RuntimeException {
  private final URI uri;

  /**
   * Creates the failure.
   *
   * @param uri the URL whose host did not resolve
   * @param cause what the resolver reported, may be null
   */
  public UnresolvableTargetException(URI uri, Throwable cause) {
    super(
        "target "
            + uri
            + ": host "
            + uri.getHost()
            + " does not resolve"
            + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"),
        cause);
    this.uri = Objects.requireNonNull(uri, "uri");
  }

  /** Returns the URL whose host did not resolve. */
  public URI uri() {
    return uri;
  }
}
