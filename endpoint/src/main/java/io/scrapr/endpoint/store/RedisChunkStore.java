package io.scrapr.endpoint.store;

import io.scrapr.endpoint.core.ChunkStore;
import io.scrapr.endpoint.core.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Keeps one collection's snapshot in Redis: the manifest under {@code
 * scrapr:endpoint:<collection>:manifest}, each chunk under {@code
 * scrapr:endpoint:<collection>:chunk:<generation>:<index>}. Chunks are written with an expiry of
 * {@link #PROVISIONAL} and made permanent (PERSIST, pipelined) at the commit, whose manifest switch
 * is one {@code SET ... GET}: chunks of a write that never committed (a crash) expire on their own.
 */
public final class RedisChunkStore implements ChunkStore {
  /** How long a chunk of a write not yet committed is kept: longer than any whole read. */
  static final Duration PROVISIONAL = Duration.ofHours(1);

  /** How many keys go in one pipelined round of PERSIST or UNLINK. */
  private static final int BATCH = 256;

  private final UnifiedJedis redis;
  private final String prefix;
  private final byte[] manifestKey;

  /**
   * Creates a store.
   *
   * @param redis the endpoint's Redis
   * @param collection the collection, which prefixes the keys
   */
  public RedisChunkStore(UnifiedJedis redis, String collection) {
    this.redis = redis;
    this.prefix = "scrapr:endpoint:" + collection + ":";
    this.manifestKey = manifestKey(collection).getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the Redis key of a collection's manifest. */
  public static String manifestKey(String collection) {
    return "scrapr:endpoint:" + collection + ":manifest";
  }

  /** Returns the Redis key of one chunk. */
  public static String chunkKey(String collection, String generation, int index) {
    return "scrapr:endpoint:" + collection + ":chunk:" + generation + ":" + index;
  }

  @Override
  public Optional<byte[]> manifest() {
    return Optional.ofNullable(call("read the manifest", () -> redis.get(manifestKey)));
  }

  @Override
  public void writeChunk(String generation, int index, byte[] chunk) {
    call(
        "write chunk " + index + " of generation " + generation,
        () -> redis.setex(key(generation, index), PROVISIONAL.toSeconds(), chunk));
  }

  @Override
  public Optional<byte[]> readChunk(String generation, int index) {
    return Optional.ofNullable(
        call(
            "read chunk " + index + " of generation " + generation,
            () -> redis.get(key(generation, index))));
  }

  @Override
  public Optional<byte[]> commit(String generation, int chunks, byte[] manifest) {
    for (int from = 0; from < chunks; from += BATCH) {
      int to = Math.min(chunks, from + BATCH);
      int first = from;
      List<Long> persisted =
          call(
              "make generation " + generation + " permanent",
              () -> {
                List<Response<Long>> answers = new ArrayList<>(to - first);
                try (AbstractPipeline pipeline = redis.pipelined()) {
                  for (int i = first; i < to; i++) {
                    // 1 when it took the expiry off; 0 when the chunk has gone (expired).
                    answers.add(pipeline.persist(key(generation, i)));
                  }
                  pipeline.sync();
                }
                return answers.stream().map(Response::get).toList();
              });
      for (int i = 0; i < persisted.size(); i++) {
        if (persisted.get(i) == 0) {
          throw new StoreUnavailableException(
              "chunk " + (from + i) + " of generation " + generation + " expired before its commit",
              null);
        }
      }
    }
    return Optional.ofNullable(
        call("switch the manifest", () -> redis.setGet(manifestKey, manifest)));
  }

  @Override
  public void delete(String generation, int chunks) {
    for (int from = 0; from < chunks; from += BATCH) {
      byte[][] keys = new byte[Math.min(chunks, from + BATCH) - from][];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = key(generation, from + i);
      }
      call("delete generation " + generation, () -> redis.unlink(keys));
    }
  }

  private byte[] key(String generation, int index) {
    return (prefix + "chunk:" + generation + ":" + index).getBytes(StandardCharsets.UTF_8);
  }

  private <T> T call(String what, Supplier<T> command) {
    try {
      return command.get();
    } catch (JedisException e) {
      throw new StoreUnavailableException("Redis: cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
