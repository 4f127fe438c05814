package io.scrapr.endpoint;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import io.scrapr.common.settings.SettingException;
import io.scrapr.endpoint.core.ChunkCache;
import io.scrapr.endpoint.core.ChunkLimits;
import io.scrapr.endpoint.core.CollectionView;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The endpoint's settings.
 *
 * @param service the shared settings ({@code SCRAPR_PORT} default 3000, token, Consul)
 * @param configId {@code SCRAPR_CONFIG_ID}, required: the endpoint configuration to serve
 * @param redisUrl {@code SCRAPR_REDIS_URL}, required, e.g. {@code redis://redis:6379}
 * @param refreshPoll {@code SCRAPR_REFRESH_POLL_MS} (default 1000, from 100 to 60000): how often
 *     the endpoint asks the datasource whether its collection changed; a change is served within
 *     about this period plus one read, whatever the configuration's {@code ttl}
 * @param readAttempts {@code SCRAPR_REFRESH_READ_ATTEMPTS} (default 3, from 1 to 10): how many
 *     times one refresh reads the collection whole when its pages came from different states (a
 *     reduction landed mid-read); after the last, the copy served is kept until the next poll
 * @param readTimeout {@code SCRAPR_COLLECTION_READ_TIMEOUT_MS} (default 60000, from 1000 to
 *     600000): the longest one page of a whole read of the collection may take
 * @param pageCacheBytes {@code SCRAPR_PAGE_CACHE_BYTES} (default 8388608, from 0 to 1073741824):
 *     the most bytes of rendered pages kept per snapshot besides the default page, so a query asked
 *     again is not rendered again; 0 renders every request but the default page
 * @param chunkLimits {@code SCRAPR_SNAPSHOT_CHUNK_ITEMS} (default 1000, from 10 to 10000) and
 *     {@code SCRAPR_SNAPSHOT_CHUNK_BYTES} (default 1048576, from 65536 to 67108864): the most items
 *     and bytes of one chunk of the snapshot in Redis (an item larger than the bytes is a chunk
 *     alone)
 * @param chunkCacheBytes {@code SCRAPR_CHUNK_CACHE_BYTES} (default 33554432, from 0 to 1073741824):
 *     the most bytes of chunks read from Redis kept in memory for rendering pages; 0 reads every
 *     chunk a page needs from Redis
 * @param configuration {@code SCRAPR_COLLECTION} and {@code SCRAPR_TTL_SECONDS}, both or neither:
 *     the configuration as the orchestrator hands it over in the service's settings, so the
 *     endpoint need not ask config-discovery for it at start; without them it does (and falls back
 *     to its copy in Redis)
 */
public record EndpointSettings(
    ServiceSettings service,
    String configId,
    URI redisUrl,
    Duration refreshPoll,
    int readAttempts,
    Duration readTimeout,
    long pageCacheBytes,
    ChunkLimits chunkLimits,
    long chunkCacheBytes,
    Optional<EndpointConfiguration> configuration) {
  /** The service's name in discovery and logs. */
  public static final String NAME = "endpoint";

  /** The default of {@code SCRAPR_REFRESH_POLL_MS}. */
  public static final long DEFAULT_REFRESH_POLL_MS = 1000;

  /** The default of {@code SCRAPR_REFRESH_READ_ATTEMPTS}. */
  public static final int DEFAULT_READ_ATTEMPTS = 3;

  public EndpointSettings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(configId, "configId");
    Objects.requireNonNull(redisUrl, "redisUrl");
    Objects.requireNonNull(refreshPoll, "refreshPoll");
    if (readAttempts < 1) {
      throw new IllegalArgumentException("readAttempts must be at least 1, was " + readAttempts);
    }
    Objects.requireNonNull(readTimeout, "readTimeout");
    if (pageCacheBytes < 0) {
      throw new IllegalArgumentException(
          "pageCacheBytes must be at least 0, was " + pageCacheBytes);
    }
    Objects.requireNonNull(chunkLimits, "chunkLimits");
    if (chunkCacheBytes < 0) {
      throw new IllegalArgumentException(
          "chunkCacheBytes must be at least 0, was " + chunkCacheBytes);
    }
    Objects.requireNonNull(configuration, "configuration");
  }

  /** Reads and validates the settings. */
  public static EndpointSettings from(Env env) {
    ServiceSettings service = ServiceSettings.from(env, NAME, 3000);
    String configId = env.required("SCRAPR_CONFIG_ID");
    env.required("SCRAPR_REDIS_URL");
    URI redis = env.uri("SCRAPR_REDIS_URL").orElseThrow();
    if (!"redis".equals(redis.getScheme()) && !"rediss".equals(redis.getScheme())) {
      throw new SettingException(
          "SCRAPR_REDIS_URL must be a redis:// or rediss:// URL, was '" + redis + "'");
    }
    Duration refreshPoll =
        env.millis("SCRAPR_REFRESH_POLL_MS", DEFAULT_REFRESH_POLL_MS, 100, 60_000);
    int readAttempts = env.integer("SCRAPR_REFRESH_READ_ATTEMPTS", DEFAULT_READ_ATTEMPTS, 1, 10);
    Duration readTimeout = env.millis("SCRAPR_COLLECTION_READ_TIMEOUT_MS", 60_000, 1_000, 600_000);
    long pageCacheBytes =
        env.longValue("SCRAPR_PAGE_CACHE_BYTES", CollectionView.DEFAULT_CACHE_BYTES, 0, 1L << 30);
    ChunkLimits chunkLimits =
        new ChunkLimits(
            env.integer("SCRAPR_SNAPSHOT_CHUNK_ITEMS", ChunkLimits.DEFAULT_ITEMS, 10, 10_000),
            env.integer(
                "SCRAPR_SNAPSHOT_CHUNK_BYTES", ChunkLimits.DEFAULT_BYTES, 1 << 16, 1 << 26));
    long chunkCacheBytes =
        env.longValue("SCRAPR_CHUNK_CACHE_BYTES", ChunkCache.DEFAULT_BYTES, 0, 1L << 30);
    Optional<EndpointConfiguration> configuration = givenConfiguration(env, configId);
    return new EndpointSettings(
        service,
        configId,
        redis,
        refreshPoll,
        readAttempts,
        readTimeout,
        pageCacheBytes,
        chunkLimits,
        chunkCacheBytes,
        configuration);
  }

  private static Optional<EndpointConfiguration> givenConfiguration(Env env, String configId) {
    Optional<String> collection = env.optional("SCRAPR_COLLECTION");
    if (collection.isPresent() != env.optional("SCRAPR_TTL_SECONDS").isPresent()) {
      throw new SettingException(
          "SCRAPR_COLLECTION and SCRAPR_TTL_SECONDS go together: set both (as the orchestrator"
              + " does) or neither (the configuration is then read from config-discovery)");
    }
    if (collection.isEmpty()) {
      return Optional.empty();
    }
    int ttl = env.integer("SCRAPR_TTL_SECONDS", 0, 1, Integer.MAX_VALUE);
    try {
      return Optional.of(new EndpointConfiguration(configId, collection.get(), ttl));
    } catch (IllegalArgumentException e) {
      throw new SettingException("SCRAPR_COLLECTION: " + e.getMessage());
    }
  }

  /** Describes the settings for the start-up log line, secrets masked. */
  public String describe() {
    String redis =
        redisUrl.getUserInfo() == null
            ? redisUrl.toString()
            : redisUrl.getScheme() + "://****@" + redisUrl.getHost() + ":" + redisUrl.getPort();
    return "config="
        + configId
        + " redis="
        + redis
        + " refreshPoll="
        + refreshPoll.toMillis()
        + "ms readAttempts="
        + readAttempts
        + " readTimeout="
        + readTimeout.toMillis()
        + "ms pageCacheBytes="
        + pageCacheBytes
        + " chunkItems="
        + chunkLimits.items()
        + " chunkBytes="
        + chunkLimits.bytes()
        + " chunkCacheBytes="
        + chunkCacheBytes
        + configuration
            .map(c -> " collection=" + c.collection() + " ttl=" + c.ttlSeconds() + "s")
            .orElse(" collection=<from config-discovery>")
        + " "
        + service.describe();
  }
}
