package io.scrapr.scraper.spool;

import io.scrapr.common.json.Json;
import io.scrapr.scraper.core.Batch;
import io.scrapr.scraper.core.BatchQueue;
import io.scrapr.scraper.core.SpoolException;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The spool: a Redis list {@code scrapr:spool:<configId>} of batches as JSON, appended at the tail
 * and delivered from the head, so batches survive a datasource outage and a scraper restart and
 * reach the datasource in the order they were scraped.
 */
public final class Spool implements BatchQueue {
  // Removes the head only if it is still the batch that was delivered (a second scraper for the
  // same configuration, e.g. during a rolling update, may have delivered and removed it already).
  private static final String POP_IF_HEAD =
      "if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then return redis.call('LPOP', KEYS[1]) end"
          + " return false";

  private final UnifiedJedis redis;
  private final String key;

  /**
   * Creates the spool of one configuration.
   *
   * @param redis the scraper's Redis
   * @param configId the configuration's id
   */
  public Spool(UnifiedJedis redis, String configId) {
    this.redis = redis;
    this.key = key(configId);
  }

  /** Returns the Redis key of a configuration's spool. */
  public static String key(String configId) {
    return "scrapr:spool:" + configId;
  }

  @Override
  public void append(Batch batch) {
    try {
      redis.rpush(key, Json.write(batch));
    } catch (JedisException e) {
      throw new SpoolException(
          "cannot spool batch " + batch.batchId() + " in Redis: " + e.getMessage(), e);
    }
  }

  @Override
  public void ensureReachable() {
    try {
      redis.ping();
    } catch (JedisException e) {
      throw new SpoolException("Redis is unreachable: " + e.getMessage(), e);
    }
  }

  /** Returns the oldest batch, as spooled, without removing it. */
  Optional<String> head() {
    return Optional.ofNullable(redis.lindex(key, 0));
  }

  /** Removes the oldest batch if it still is {@code json}. */
  void removeHead(String json) {
    redis.eval(POP_IF_HEAD, List.of(key), List.of(json));
  }

  /**
   * Returns how many batches wait.
   *
   * @throws JedisException when Redis is unreachable
   */
  public long depth() {
    return redis.llen(key);
  }
}
