package io.scrapr.scraper.spool;

import io.scrapr.common.json.Json;
import io.scrapr.scraper.core.Batch;
import io.scrapr.scraper.core.BatchQueue;
import io.scrapr.scraper.core.SpoolException;
import io.scrapr.scraper.core.SpoolFullException;
import io.scrapr.scraper.core.SpoolSnapshot;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The spool: a Redis list {@code scrapr:spool:<configId>} of batches as JSON, appended at the tail
 * and delivered from the head, so batches survive a datasource outage and a scraper restart and
 * reach the datasource in the order they were scraped. It holds at most {@code maxBytes} (an empty
 * spool always takes one batch); batches that keep failing move whole to the dead-letter list
 * {@code scrapr:dead:<configId>}, where they are kept.
 */
public final class Spool implements BatchQueue {
  // The byte count lives beside the list and changes with it in one script; it is reset whenever
  // the list is empty, so it cannot drift for long (e.g. after an operator emptied the list).
  private static final String PUSH_UNLESS_FULL =
      "local len = redis.call('LLEN', KEYS[1])\n"
          + "if len == 0 then redis.call('DEL', KEYS[2]) end\n"
          + "local used = tonumber(redis.call('GET', KEYS[2]) or '0')\n"
          + "local size = string.len(ARGV[1])\n"
          + "if len > 0 and used + size > tonumber(ARGV[2]) then return {0, used} end\n"
          + "redis.call('RPUSH', KEYS[1], ARGV[1])\n"
          + "redis.call('INCRBY', KEYS[2], size)\n"
          + "return {1, used + size}";
  // Removes the head only if it is still the batch that was delivered (a second scraper for the
  // same configuration, e.g. during a rolling update, may have delivered and removed it already);
  // with a dead-letter entry, moves it there in the same step.
  private static final String POP_IF_HEAD =
      "if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[1] then return 0 end\n"
          + "redis.call('LPOP', KEYS[1])\n"
          + "if ARGV[2] ~= '' then redis.call('RPUSH', KEYS[3], ARGV[2]) end\n"
          + "if redis.call('LLEN', KEYS[1]) == 0 then redis.call('DEL', KEYS[2]) else\n"
          + "  if redis.call('DECRBY', KEYS[2], string.len(ARGV[1])) < 0 then\n"
          + "    redis.call('SET', KEYS[2], 0) end\n"
          + "end\n"
          + "return 1";

  private final UnifiedJedis redis;
  private final String key;
  private final String bytesKey;
  private final String deadKey;
  private final long maxBytes;

  /**
   * Creates the spool of one configuration.
   *
   * @param redis the scraper's Redis
   * @param configId the configuration's id
   * @param maxBytes the most bytes of batches it holds ({@code SCRAPR_SPOOL_MAX_BYTES})
   */
  public Spool(UnifiedJedis redis, String configId, long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    this.redis = redis;
    this.key = key(configId);
    this.bytesKey = key + ":bytes";
    this.deadKey = deadLetterKey(configId);
    this.maxBytes = maxBytes;
  }

  /** Returns the Redis key of a configuration's spool. */
  public static String key(String configId) {
    return "scrapr:spool:" + configId;
  }

  /** Returns the Redis key of a configuration's dead-letter list. */
  public static String deadLetterKey(String configId) {
    return "scrapr:dead:" + configId;
  }

  /**
   * {@inheritDoc}
   *
   * @throws SpoolFullException when taking the batch would pass the cap
   */
  @Override
  public void append(Batch batch) {
    Object answer;
    try {
      answer =
          redis.eval(
              PUSH_UNLESS_FULL, List.of(key, bytesKey), List.of(Json.write(batch), "" + maxBytes));
    } catch (JedisException e) {
      throw new SpoolException(
          "cannot spool batch " + batch.batchId() + " in Redis: " + e.getMessage(), e);
    }
    List<?> result = (List<?>) answer;
    if (((Long) result.get(0)) == 0L) {
      throw new SpoolFullException(batch.batchId(), (Long) result.get(1), maxBytes);
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
    redis.eval(POP_IF_HEAD, List.of(key, bytesKey, deadKey), List.of(json, ""));
  }

  /**
   * Moves the oldest batch, if it still is {@code json}, to the end of the dead-letter list as
   * {@code entry}, in one step: it is never in neither list, nor in both.
   */
  void moveHeadToDeadLetters(String json, String entry) {
    redis.eval(POP_IF_HEAD, List.of(key, bytesKey, deadKey), List.of(json, entry));
  }

  /** Returns the Redis key of the dead-letter list. */
  String deadLetterKey() {
    return deadKey;
  }

  /**
   * Returns how many batches wait.
   *
   * @throws JedisException when Redis is unreachable
   */
  public long depth() {
    return redis.llen(key);
  }

  /**
   * Returns the spool's depth, size, cap and dead letters.
   *
   * @throws JedisException when Redis is unreachable
   */
  public SpoolSnapshot snapshot() {
    long depth = redis.llen(key);
    String bytes = depth == 0 ? null : redis.get(bytesKey);
    return new SpoolSnapshot(
        depth, bytes == null ? 0 : Long.parseLong(bytes), maxBytes, redis.llen(deadKey), deadKey);
  }
}
