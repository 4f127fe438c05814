package io.scrapr.endpoint.core;

import java.time.Duration;
import java.util.Objects;

/**
 * When the endpoint looks at its source.
 *
 * @param poll the pause between two checks of the collection's state ({@code
 *     SCRAPR_REFRESH_POLL_MS})
 * @param ttl the configuration's {@code ttl}: a source that gives no version is read whole at least
 *     this often, since its count and time may stay the same across a change
 */
public record RefreshSchedule(Duration poll, Duration ttl) {
  public RefreshSchedule {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(ttl, "ttl");
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("poll must be positive, was " + poll);
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
  }
}
