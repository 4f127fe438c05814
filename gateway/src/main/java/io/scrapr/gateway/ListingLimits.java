package io.scrapr.gateway;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code GET /api} asks the endpoints for their counts.
 *
 * @param parallel {@code SCRAPR_LISTING_PARALLEL} (default 8, from 1 to 64): the most endpoints
 *     asked at once
 * @param endpointTimeout {@code SCRAPR_LISTING_ENDPOINT_TIMEOUT_MS} (default 2000, from 100 to
 *     60000): how long one endpoint has to answer; one that does not is listed unavailable
 * @param maxWait {@code SCRAPR_LISTING_WAIT_MS} (default 5000, from 100 to 120000, at least the
 *     endpoint timeout): how long a request waits for a listing; endpoints not asked or not
 *     answered by then are listed unavailable
 * @param reuseFor {@code SCRAPR_LISTING_CACHE_MS} (default 2000, from 0 to 60000): how long a
 *     completed listing is served again
 */
public record ListingLimits(
    int parallel, Duration endpointTimeout, Duration maxWait, Duration reuseFor) {
  /** The defaults, as the gateway always had them. */
  public static final ListingLimits DEFAULT =
      new ListingLimits(8, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));

  public ListingLimits {
    Objects.requireNonNull(endpointTimeout, "endpointTimeout");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(reuseFor, "reuseFor");
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
    }
    if (!positive(endpointTimeout) || !positive(maxWait) || reuseFor.isNegative()) {
      throw new IllegalArgumentException(
          "timeouts must be positive and the reuse period not negative: " + this);
    }
  }

  /** Reads and validates the limits. */
  static ListingLimits from(Env env) {
    int parallel = env.integer("SCRAPR_LISTING_PARALLEL", DEFAULT.parallel(), 1, 64);
    Duration endpointTimeout =
        env.millis(
            "SCRAPR_LISTING_ENDPOINT_TIMEOUT_MS",
            DEFAULT.endpointTimeout().toMillis(),
            100,
            60_000);
    Duration maxWait =
        env.millis("SCRAPR_LISTING_WAIT_MS", DEFAULT.maxWait().toMillis(), 100, 120_000);
    if (maxWait.compareTo(endpointTimeout) < 0) {
      throw new SettingException(
          "SCRAPR_LISTING_WAIT_MS ("
              + maxWait.toMillis()
              + ") must be at least SCRAPR_LISTING_ENDPOINT_TIMEOUT_MS ("
              + endpointTimeout.toMillis()
              + "), or no slow endpoint is ever counted");
    }
    Duration reuseFor =
        env.millis("SCRAPR_LISTING_CACHE_MS", DEFAULT.reuseFor().toMillis(), 0, 60_000);
    return new ListingLimits(parallel, endpointTimeout, maxWait, reuseFor);
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  /** Describes the limits for the start-up log line. */
  String describe() {
    return "listing[parallel="
        + parallel
        + " endpointTimeout="
        + endpointTimeout.toMillis()
        + "ms wait="
        + maxWait.toMillis()
        + "ms cache="
        + reuseFor.toMillis()
        + "ms]";
  }
}
