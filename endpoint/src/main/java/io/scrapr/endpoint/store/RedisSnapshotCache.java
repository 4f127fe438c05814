package io.scrapr.endpoint.store;

import io.scrapr.endpoint.core.Snapshot;
import io.scrapr.endpoint.core.SnapshotCache;
import io.scrapr.endpoint.core.SnapshotDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Keeps the last good snapshot of a collection in Redis under {@code
 * scrapr:endpoint:<collection>:snapshot}, with the datasource's mark of the state it was read at,
 * writing only when the content or that mark changed, or Redis lost it.
 */
public final class RedisSnapshotCache implements SnapshotCache {
  private static final Logger log = LoggerFactory.getLogger(RedisSnapshotCache.class);

  private final UnifiedJedis redis;
  private final String configId;
  private final String collection;
  private final byte[] key;
  private volatile Snapshot saved;

  /**
   * Creates a cache.
   *
   * @param redis the endpoint's Redis
   * @param configId the endpoint configuration's id, for log lines
   * @param collection the collection, which prefixes the key
   */
  public RedisSnapshotCache(UnifiedJedis redis, String configId, String collection) {
    this.redis = redis;
    this.configId = configId;
    this.collection = collection;
    this.key = key(collection).getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the Redis key of a collection's snapshot. */
  public static String key(String collection) {
    return "scrapr:endpoint:" + collection + ":snapshot";
  }

  @Override
  public Optional<Snapshot> load() {
    byte[] stored;
    try {
      stored = redis.get(key);
    } catch (JedisException e) {
      log.warn(
          "endpoint[config={}]: cannot read the cached copy of {} from Redis: {}",
          configId,
          collection,
          e.getMessage());
      return Optional.empty();
    }
    if (stored == null) {
      return Optional.empty();
    }
    try {
      Snapshot snapshot = SnapshotDocument.decode(collection, stored);
      saved = snapshot;
      return Optional.of(snapshot);
    } catch (IOException e) {
      log.warn(
          "endpoint[config={}]: ignored the unreadable cached copy of {}: {}",
          configId,
          collection,
          e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void save(Snapshot snapshot) {
    try {
      // The key is checked too: a Redis restarted without persistence has forgotten the copy.
      if (sameAsSaved(snapshot) && redis.exists(key)) {
        return;
      }
      redis.set(key, SnapshotDocument.encode(snapshot));
      saved = snapshot;
    } catch (JedisException e) {
      log.warn(
          "endpoint[config={}]: cannot keep the copy of {} in Redis (will retry at the next"
              + " refresh): {}",
          configId,
          collection,
          e.getMessage());
    }
  }

  private boolean sameAsSaved(Snapshot snapshot) {
    Snapshot last = saved;
    return last != null
        && last.version().equals(snapshot.version())
        && last.mark().equals(snapshot.mark());
  }
}
