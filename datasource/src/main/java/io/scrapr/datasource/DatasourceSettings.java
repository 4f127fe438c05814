package io.scrapr.datasource;

import io.scrapr.common.mongo.TailingSettings;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The datasource's settings.
 *
 * @param service the shared settings ({@code SCRAPR_PORT} default 3001, token, Consul)
 * @param mongoUri {@code SCRAPR_MONGO_URI}, required
 * @param database {@code SCRAPR_MONGO_DATABASE}, default {@code scrapr}
 * @param cappedItemsBytes {@code SCRAPR_CAPPED_ITEMS_BYTES}: size of a new {@code capped_items},
 *     default 256 MiB
 * @param reduceInterval {@code SCRAPR_REDUCE_INTERVAL_MS}: pause between reductions of the staged
 *     items, default 2000 ms
 * @param maxBatchItems {@code SCRAPR_MAX_BATCH_ITEMS}: the most items one {@code POST /items} may
 *     carry, default 5000
 * @param maxItemBytes {@code SCRAPR_MAX_ITEM_BYTES}: the largest item stored (as BSON); a larger
 *     one is refused alone, default 1 MiB, at most 8 MiB
 * @param tailing how the replicas share staging and reduction (lease term, hole grace) and how
 *     often the tailer reopens its cursor
 * @param reduceBreather {@code SCRAPR_REDUCE_BREATHER_MS}: the pause between reductions while more
 *     is staged, a window for readers (who wait while a reduction writes); default 500 ms, 10 to
 *     60000
 * @param readBusyWait {@code SCRAPR_READ_BUSY_WAIT_MS}: how long a read of a collection waits for
 *     reductions to leave it at one version before it answers 503; default 5000 ms, 100 to 60000
 * @param backPressureRetryAfter {@code SCRAPR_BACKPRESSURE_RETRY_AFTER_SECONDS}: the {@code
 *     Retry-After} of a batch refused because the tailer is behind; default 2 s, 1 to 60 (senders
 *     wait at most 60 s)
 */
public record DatasourceSettings(
    ServiceSettings service,
    String mongoUri,
    String database,
    long cappedItemsBytes,
    Duration reduceInterval,
    int maxBatchItems,
    long maxItemBytes,
    TailingSettings tailing,
    Duration reduceBreather,
    Duration readBusyWait,
    Duration backPressureRetryAfter) {
  /** The service's name in discovery and logs. */
  public static final String NAME = "datasource";

  /** The service's port from DESIGN.md. */
  public static final int DEFAULT_PORT = 3001;

  public DatasourceSettings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(mongoUri, "mongoUri");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(tailing, "tailing");
    requirePositive("reduceBreather", reduceBreather);
    requirePositive("readBusyWait", readBusyWait);
    requirePositive("backPressureRetryAfter", backPressureRetryAfter);
    if (cappedItemsBytes < 4096) {
      throw new IllegalArgumentException(
          "cappedItemsBytes must be at least 4096, was " + cappedItemsBytes);
    }
    requirePositive("reduceInterval", reduceInterval);
    if (maxBatchItems < 1) {
      throw new IllegalArgumentException("maxBatchItems must be at least 1, was " + maxBatchItems);
    }
  }

  /** Reads and validates the settings; a bad value names its variable. */
  public static DatasourceSettings from(Env env) {
    return new DatasourceSettings(
        ServiceSettings.from(env, NAME, DEFAULT_PORT),
        env.required("SCRAPR_MONGO_URI"),
        env.string("SCRAPR_MONGO_DATABASE", "scrapr"),
        env.longValue("SCRAPR_CAPPED_ITEMS_BYTES", 256L << 20, 4096, 1L << 40),
        env.millis("SCRAPR_REDUCE_INTERVAL_MS", 2000, 10, 3_600_000),
        env.integer("SCRAPR_MAX_BATCH_ITEMS", 5000, 1, 1_000_000),
        env.longValue("SCRAPR_MAX_ITEM_BYTES", 1L << 20, 1024, 8L << 20),
        TailingSettings.from(env),
        env.millis("SCRAPR_REDUCE_BREATHER_MS", 500, 10, 60_000),
        env.millis("SCRAPR_READ_BUSY_WAIT_MS", 5_000, 100, 60_000),
        env.seconds("SCRAPR_BACKPRESSURE_RETRY_AFTER_SECONDS", 2, 1, 60));
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** Describes the datasource's own settings for the start-up log line, credentials masked. */
  public String describe() {
    return "mongo="
        + mongoUri.replaceFirst("//([^:/@]+):[^@/]*@", "//$1:****@")
        + " database="
        + database
        + " cappedItemsBytes="
        + cappedItemsBytes
        + " reduceIntervalMs="
        + reduceInterval.toMillis()
        + " maxBatchItems="
        + maxBatchItems
        + " maxItemBytes="
        + maxItemBytes
        + " "
        + tailing.describe()
        + " reduceBreatherMs="
        + reduceBreather.toMillis()
        + " readBusyWaitMs="
        + readBusyWait.toMillis()
        + " backPressureRetryAfterSeconds="
        + backPressureRetryAfter.toSeconds();
  }
}
