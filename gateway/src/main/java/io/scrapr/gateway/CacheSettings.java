package io.scrapr.gateway;

import io.scrapr.common.settings.Env;
import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway keeps the endpoints' answers.
 *
 * @param maxBytes {@code SCRAPR_GATEWAY_CACHE_BYTES} (default 33554432, 32 MiB; from 0, nothing
 *     kept, to 17179869184): the bound on the kept answers' total size; the least recently used go
 *     first, and one answer larger than an eighth of it is relayed, never kept
 * @param revalidate {@code SCRAPR_GATEWAY_REVALIDATE_MS} (default 500, from 100 to 60000): how
 *     often at most a kept answer is checked with its endpoint; what the gateway serves was the
 *     endpoint's answer less than twice this long before, unless it is flagged stale
 */
public record CacheSettings(long maxBytes, Duration revalidate) {
  /** The defaults. */
  public static final CacheSettings DEFAULT =
      new CacheSettings(32L * 1024 * 1024, Duration.ofMillis(500));

  public CacheSettings {
    Objects.requireNonNull(revalidate, "revalidate");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative, was " + maxBytes);
    }
    if (revalidate.isNegative() || revalidate.isZero()) {
      throw new IllegalArgumentException("revalidate must be positive, was " + revalidate);
    }
  }

  /** Reads and validates the settings. */
  static CacheSettings from(Env env) {
    return new CacheSettings(
        env.longValue("SCRAPR_GATEWAY_CACHE_BYTES", DEFAULT.maxBytes(), 0, 16L << 30),
        env.millis("SCRAPR_GATEWAY_REVALIDATE_MS", DEFAULT.revalidate().toMillis(), 100, 60_000));
  }

  /** Describes the settings for the start-up log line. */
  String describe() {
    return "cache[bytes=" + maxBytes + " revalidate=" + revalidate.toMillis() + "ms]";
  }
}
