package io.scrapr.scraper.core;

import java.util.Objects;

/**
 * One thing that went wrong in a run.
 *
 * @param url the page it concerns, or empty
 * @param reason the kind of failure, as in the failure metric's tag
 * @param message what happened
 */
public record RunError(String url, String reason, String message) {
  public RunError {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** Describes a fetch failure. */
  static RunError of(FetchException e) {
    return new RunError(e.url().toString(), e.reason().tag(), e.getMessage());
  }
}
