package io.scrapr.scraper.fetch;

import io.scrapr.common.settings.Env;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of every fetch.
 *
 * @param connectTimeout {@code SCRAPR_FETCH_CONNECT_TIMEOUT_MS}, default 5 s
 * @param readTimeout {@code SCRAPR_FETCH_READ_TIMEOUT_MS}: the longest silence while reading,
 *     default 15 s
 * @param callTimeout {@code SCRAPR_FETCH_CALL_TIMEOUT_MS}: the longest a whole request may take,
 *     body included, default 30 s
 * @param maxPageBytes {@code SCRAPR_MAX_PAGE_BYTES}: the most bytes of a page read and parsed,
 *     default 5 MiB; the rest is cut off
 */
public record FetchSettings(
    Duration connectTimeout, Duration readTimeout, Duration callTimeout, long maxPageBytes) {

  /** The default body cap: 5 MiB. */
  public static final long DEFAULT_MAX_PAGE_BYTES = 5L << 20;

  public FetchSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (maxPageBytes < 1) {
      throw new IllegalArgumentException("maxPageBytes must be positive, was " + maxPageBytes);
    }
  }

  /** Returns the defaults: 5 s, 15 s, 30 s and 5 MiB. */
  public static FetchSettings defaults() {
    return new FetchSettings(
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        DEFAULT_MAX_PAGE_BYTES);
  }

  /** Reads the settings, each within sensible bounds. */
  public static FetchSettings from(Env env) {
    return new FetchSettings(
        env.millis("SCRAPR_FETCH_CONNECT_TIMEOUT_MS", 5_000, 50, 120_000),
        env.millis("SCRAPR_FETCH_READ_TIMEOUT_MS", 15_000, 50, 600_000),
        env.millis("SCRAPR_FETCH_CALL_TIMEOUT_MS", 30_000, 50, 3_600_000),
        env.longValue("SCRAPR_MAX_PAGE_BYTES", DEFAULT_MAX_PAGE_BYTES, 1024, 1L << 30));
  }

  /** Describes the settings for the start-up log line. */
  public String describe() {
    return "connect="
        + connectTimeout.toMillis()
        + "ms read="
        + readTimeout.toMillis()
        + "ms call="
        + callTimeout.toMillis()
        + "ms maxPageBytes="
        + maxPageBytes;
  }
}
