package io.scrapr.scraper.extract;

import java.time.Duration;

/** Extraction of a page stopped before it finished: its deadline passed, or the thread stops. */
public final class ExtractionStoppedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why extraction stopped. */
  public enum Reason {
    /** The deadline passed. */
    DEADLINE,
    /** The thread was interrupted. */
    INTERRUPTED
  }

  private final Reason reason;
  private final Duration limit;

  ExtractionStoppedException(Reason reason, Duration limit) {
    super(
        reason == Reason.DEADLINE
            ? "the selectors did not finish within " + limit.toMillis() + " ms"
            : "extraction was interrupted");
    this.reason = reason;
    this.limit = limit;
  }

  /** Returns why extraction stopped. */
  public Reason reason() {
    return reason;
  }

  /** Returns how long extraction was given. */
  public Duration limit() {
    return limit;
  }
}
