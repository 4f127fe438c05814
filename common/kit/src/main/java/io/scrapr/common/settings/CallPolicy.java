package io.scrapr.common.settings;

import io.scrapr.common.work.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How a call to a peer service is made: the longest one attempt may take, how many attempts in all,
 * and the backoff between them. Read once at start from {@code SCRAPR_PEER_TIMEOUT_MS}, {@code
 * SCRAPR_PEER_ATTEMPTS} and {@code SCRAPR_PEER_BACKOFF_MS}; a caller with other needs (one attempt,
 * because it retries with its own backoff; a longer timeout for a large read) derives them from it
 * with {@link #once()} and {@link #withTimeout}.
 *
 * @param timeout the longest one attempt may take
 * @param attempts how many times a call is tried in all, at least 1
 * @param backoff the pauses between attempts
 */
public record CallPolicy(Duration timeout, int attempts, Backoff backoff) {
  /** 10 s per attempt, 4 attempts, 200 ms first pause doubling to 5 s. */
  public static final CallPolicy DEFAULT =
      new CallPolicy(
          Duration.ofSeconds(10), 4, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)));

  public CallPolicy {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(backoff, "backoff");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
  }

  /** Reads the policy from an environment; the defaults are {@link #DEFAULT}'s. */
  public static CallPolicy from(Env env) {
    return new CallPolicy(
        env.millis("SCRAPR_PEER_TIMEOUT_MS", DEFAULT.timeout.toMillis(), 100, 600_000),
        env.integer("SCRAPR_PEER_ATTEMPTS", DEFAULT.attempts, 1, 20),
        new Backoff(
            env.millis("SCRAPR_PEER_BACKOFF_MS", DEFAULT.backoff.first().toMillis(), 1, 60_000),
            DEFAULT.backoff.max()));
  }

  /** Returns this policy with one attempt per call: for callers that retry on their own terms. */
  public CallPolicy once() {
    return new CallPolicy(timeout, 1, backoff);
  }

  /** Returns this policy with another per-attempt timeout. */
  public CallPolicy withTimeout(Duration longest) {
    return new CallPolicy(longest, attempts, backoff);
  }

  /** Returns this policy with another number of attempts. */
  public CallPolicy withAttempts(int tries) {
    return new CallPolicy(timeout, tries, backoff);
  }

  /** Describes the policy for the start-up log line. */
  public String describe() {
    return timeout.toMillis() + "ms x" + attempts + " backoff " + backoff.first().toMillis() + "ms";
  }
}
