package io.scrapr.scraper.core;

import java.net.URI;
import java.util.Objects;

/** A page could not be fetched; carries the URL and a reason usable as a metric tag. */
public final class FetchException extends Exception {
  private final URI url;
  private final FailureReason reason;

  /**
   * Creates the failure.
   *
   * @param url the URL that failed (the redirect hop that failed, if any)
   * @param reason the kind of failure
   * @param message what happened, for logs and the run's errors
   * @param cause the underlying failure, may be null
   */
  public FetchException(URI url, FailureReason reason, String message, Throwable cause) {
    super(message, cause);
    this.url = Objects.requireNonNull(url, "url");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates the failure without a cause. */
  public FetchException(URI url, FailureReason reason, String message) {
    this(url, reason, message, null);
  }

  /** Returns the URL that failed. */
  public URI url() {
    return url;
  }

  /** Returns the kind of failure. */
  public FailureReason reason() {
    return reason;
  }
}
