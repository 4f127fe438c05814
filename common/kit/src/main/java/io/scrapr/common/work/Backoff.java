package io.scrapr.common.work;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff: the pause after the first failure is {@code first}, it doubles after each
 * further one, and it never exceeds {@code max}. The one policy every retry in scrapr uses.
 *
 * @param first the pause after the first failure, positive
 * @param max the longest pause, at least {@code first}
 */
public record Backoff(Duration first, Duration max) {
  public Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero()) {
      throw new IllegalArgumentException("the first pause must be positive: " + first);
    }
    if (max.compareTo(first) < 0) {
      throw new IllegalArgumentException("max " + max + " is below the first pause " + first);
    }
  }

  /**
   * Returns the pause after the given number of failures in a row.
   *
   * @param failures at least 1
   */
  public Duration after(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1: " + failures);
    }
    Duration pause = first;
    for (int i = 1; i < failures && pause.compareTo(max) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(max) > 0 ? max : pause;
  }

  /** Returns a fresh count of failures in a row under this policy. */
  public Streak streak() {
    return new Streak(this);
  }

  /** Failures in a row under one policy: each failure lengthens the pause, a success resets it. */
  public static final class Streak {
    private final Backoff policy;
    private int failures;

    private Streak(Backoff policy) {
      this.policy = policy;
    }

    /** Counts one more failure and returns the pause before the next attempt. */
    public synchronized Duration failed() {
      if (failures < Integer.MAX_VALUE) {
        failures++;
      }
      return policy.after(failures);
    }

    /** Starts again from the first pause. */
    public synchronized void reset() {
      failures = 0;
    }

    /** Returns the failures in a row so far. */
    public synchronized int failures() {
      return failures;
    }
  }
}
