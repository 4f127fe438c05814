package io.scrapr.endpoint.core;

import java.time.Duration;
import java.util.Objects;

/**
 * When the endpoint looks at its source, and how hard it tries to read it.
 *
 * @param poll the pause between two checks of the collection's state ({@code
 *     SCRAPR_REFRESH_POLL_MS})
 * @param ttl the configuration's {@code ttl}: a source that gives no version is read whole at least
 *     this often, since its count and time may stay the same across a change
 * @param readAttempts how many times one refresh reads the collection whole when its pages came
 *     from different states ({@code SCRAPR_REFRESH_READ_ATTEMPTS}); then the copy served is kept
 *     until the next poll
 */
public record RefreshSchedule(Duration poll, Duration ttl, int readAttempts) {
  public RefreshSchedule {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(ttl, "ttl");
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("poll must be positive, was " + poll);
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    if (readAttempts < 1) {
      throw new IllegalArgumentException("readAttempts must be at least 1, was " + readAttempts);
    }
  }
}
