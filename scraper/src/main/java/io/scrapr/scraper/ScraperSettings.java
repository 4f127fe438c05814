package io.scrapr.scraper;

import io.scrapr.common.net.TargetPolicy;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import io.scrapr.common.settings.SettingException;
import io.scrapr.common.work.Backoff;
import io.scrapr.scraper.core.CrawlLimits;
import io.scrapr.scraper.fetch.FetchSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The scraper's settings, read once from the environment at start.
 *
 * @param service the shared settings ({@code SCRAPR_PORT} default 3000, token, Consul)
 * @param configId {@code SCRAPR_CONFIG_ID}, required: the configuration this scraper runs
 * @param redisUrl {@code SCRAPR_REDIS_URL}, required: the configuration cache and the spool
 * @param allowedTargets {@code SCRAPR_ALLOWED_TARGETS}: host names and CIDR blocks the SSRF guard
 *     opens
 * @param fetch {@code SCRAPR_FETCH_CONNECT_TIMEOUT_MS}, {@code SCRAPR_FETCH_READ_TIMEOUT_MS},
 *     {@code SCRAPR_FETCH_CALL_TIMEOUT_MS}, {@code SCRAPR_MAX_PAGE_BYTES}
 * @param batchSize {@code SCRAPR_BATCH_SIZE}: the most items per batch, 1..1000, default 1000
 * @param deliveryRetry {@code SCRAPR_SPOOL_FIRST_BACKOFF_MS} (10 ms..60 s, default 200 ms) and
 *     {@code SCRAPR_RETRY_MAX_BACKOFF_MS} (100 ms..10 min, default 30 s): the pauses between
 *     deliveries to the datasource while it is down or failing, doubling from the first (at most
 *     the longest) to the longest
 * @param configurationRetry {@code SCRAPR_CONFIG_FIRST_BACKOFF_MS} (10 ms..60 s, default 500 ms)
 *     and {@code SCRAPR_RETRY_MAX_BACKOFF_MS}: the pauses between attempts to load the first
 *     configuration while neither config-discovery nor Redis has it
 * @param spoolIdleCheck {@code SCRAPR_SPOOL_IDLE_CHECK_MS}: how often an empty spool is looked at
 *     again without a run asking for it (batches another process left), 1 s..1 h, default 30 s
 * @param spoolMaxBytes {@code SCRAPR_SPOOL_MAX_BYTES}: the most bytes of batches the spool holds
 *     while the datasource does not take them, 64 KiB..16 GiB, default 64 MiB; past it runs report
 *     their items as not spooled
 * @param spoolMaxAttempts {@code SCRAPR_SPOOL_MAX_ATTEMPTS}: how many server errors (5xx other than
 *     502, 503 and 504) a batch meets before it moves to the dead-letter list, 1..1000, default 10
 * @param limits {@code SCRAPR_EXTRACT_PAGE_MS} (100 ms..10 min, default 5 s), {@code
 *     SCRAPR_RUN_BUDGET_MS} (1 s..24 h, default 1 h) and {@code SCRAPR_MAX_ITEM_BYTES} (1 KiB..8
 *     MiB, default 1 MiB): the bounds of each run
 */
public record ScraperSettings(
    ServiceSettings service,
    String configId,
    String redisUrl,
    TargetPolicy allowedTargets,
    FetchSettings fetch,
    int batchSize,
    Backoff deliveryRetry,
    Backoff configurationRetry,
    Duration spoolIdleCheck,
    long spoolMaxBytes,
    int spoolMaxAttempts,
    CrawlLimits limits) {

  /** The service's name in discovery and logs. */
  public static final String NAME = "scraper";

  /** The largest batch the datasource takes. */
  public static final int MAX_BATCH_SIZE = 1000;

  /** The spool's default cap: well under the companion Redis's default {@code maxmemory}. */
  public static final long DEFAULT_SPOOL_MAX_BYTES = 64L << 20;

  private static final Pattern CONFIG_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  public ScraperSettings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(configId, "configId");
    Objects.requireNonNull(redisUrl, "redisUrl");
    Objects.requireNonNull(allowedTargets, "allowedTargets");
    Objects.requireNonNull(fetch, "fetch");
    Objects.requireNonNull(deliveryRetry, "deliveryRetry");
    Objects.requireNonNull(configurationRetry, "configurationRetry");
    Objects.requireNonNull(spoolIdleCheck, "spoolIdleCheck");
    Objects.requireNonNull(limits, "limits");
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "batchSize must be 1.." + MAX_BATCH_SIZE + ", was " + batchSize);
    }
    if (spoolIdleCheck.isNegative() || spoolIdleCheck.isZero()) {
      throw new IllegalArgumentException("spoolIdleCheck must be positive, was " + spoolIdleCheck);
    }
    if (spoolMaxBytes < 1) {
      throw new IllegalArgumentException("spoolMaxBytes must be positive, was " + spoolMaxBytes);
    }
    if (spoolMaxAttempts < 1) {
      throw new IllegalArgumentException(
          "spoolMaxAttempts must be at least 1, was " + spoolMaxAttempts);
    }
  }

  /** Reads and validates the settings. */
  public static ScraperSettings from(Env env) {
    String configId = env.required("SCRAPR_CONFIG_ID");
    if (!CONFIG_ID.matcher(configId).matches()) {
      throw new SettingException(
          "SCRAPR_CONFIG_ID must be letters, digits, '_', '.' or '-' (at most 128), was '"
              + configId
              + "'");
    }
    URI redis =
        env.uri("SCRAPR_REDIS_URL")
            .orElseThrow(() -> new SettingException("SCRAPR_REDIS_URL is required but not set"));
    if (!"redis".equals(redis.getScheme()) && !"rediss".equals(redis.getScheme())) {
      throw new SettingException(
          "SCRAPR_REDIS_URL must be a redis:// or rediss:// URL, was '" + redis + "'");
    }
    Duration maxBackoff = env.millis("SCRAPR_RETRY_MAX_BACKOFF_MS", 30_000, 100, 600_000);
    return new ScraperSettings(
        ServiceSettings.from(env, NAME, 3000),
        configId,
        redis.toString(),
        TargetPolicy.from(env),
        FetchSettings.from(env),
        env.integer("SCRAPR_BATCH_SIZE", MAX_BATCH_SIZE, 1, MAX_BATCH_SIZE),
        backoff(env, "SCRAPR_SPOOL_FIRST_BACKOFF_MS", 200, maxBackoff),
        backoff(env, "SCRAPR_CONFIG_FIRST_BACKOFF_MS", 500, maxBackoff),
        env.millis("SCRAPR_SPOOL_IDLE_CHECK_MS", 30_000, 1000, 3_600_000),
        env.longValue("SCRAPR_SPOOL_MAX_BYTES", DEFAULT_SPOOL_MAX_BYTES, 64L << 10, 16L << 30),
        env.integer("SCRAPR_SPOOL_MAX_ATTEMPTS", 10, 1, 1000),
        crawlLimits(
            env,
            env.millis(
                "SCRAPR_RUN_BUDGET_MS",
                CrawlLimits.DEFAULT_RUN_BUDGET.toMillis(),
                1000,
                86_400_000)));
  }

  /**
   * Reads a crawl's bounds: {@code SCRAPR_EXTRACT_PAGE_MS} and {@code SCRAPR_MAX_ITEM_BYTES} as
   * every crawl reads them, with the budget the caller gives (a run's or a preview's).
   */
  public static CrawlLimits crawlLimits(Env env, Duration budget) {
    return new CrawlLimits(
        env.millis(
            "SCRAPR_EXTRACT_PAGE_MS", CrawlLimits.DEFAULT_PAGE_EXTRACTION.toMillis(), 100, 600_000),
        budget,
        env.integer("SCRAPR_MAX_ITEM_BYTES", CrawlLimits.DEFAULT_MAX_ITEM_BYTES, 1024, 8 << 20));
  }

  /**
   * A doubling backoff from a first pause to the longest; a first pause above the longest is
   * lowered to it, so a short {@code SCRAPR_RETRY_MAX_BACKOFF_MS} alone bounds every retry.
   */
  private static Backoff backoff(Env env, String firstVariable, long defaultMillis, Duration max) {
    Duration first = env.millis(firstVariable, defaultMillis, 10, 60_000);
    return new Backoff(first.compareTo(max) > 0 ? max : first, max);
  }

  /** Describes the settings for the start-up log line, secrets masked. */
  public String describe() {
    return "config="
        + configId
        + " redis="
        + maskedRedis()
        + " allowedTargets="
        + allowedTargets.describe()
        + " "
        + fetch.describe()
        + " batchSize="
        + batchSize
        + " maxBackoff="
        + deliveryRetry.max().toMillis()
        + "ms spoolFirstBackoff="
        + deliveryRetry.first().toMillis()
        + "ms configFirstBackoff="
        + configurationRetry.first().toMillis()
        + "ms spoolIdleCheck="
        + spoolIdleCheck.toMillis()
        + "ms spoolMaxBytes="
        + spoolMaxBytes
        + " spoolMaxAttempts="
        + spoolMaxAttempts
        + " "
        + limits.describe();
  }

  private String maskedRedis() {
    URI uri = URI.create(redisUrl);
    return uri.getUserInfo() == null ? redisUrl : redisUrl.replace(uri.getRawUserInfo(), "****");
  }
}
