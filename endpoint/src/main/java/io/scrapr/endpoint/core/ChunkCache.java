package io.scrapr.endpoint.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chunks read last, by generation and index, bounded by their {@link Chunk#weight() weight}:
 * the least recently used go first, and a chunk heavier than a quarter of the budget is never kept.
 * Pages are rendered from it, then kept rendered in the page cache, so it is not on the hot path;
 * one lock is enough.
 */
public final class ChunkCache {
  /** The default budget: 32 MiB, some 160 chunks of 1,000 items of 200 bytes. */
  public static final long DEFAULT_BYTES = 32L << 20;

  private final long budgetBytes;
  private final LinkedHashMap<String, Chunk> chunks = new LinkedHashMap<>(64, 0.75f, true);
  private long used;

  /**
   * Creates an empty cache.
   *
   * @param budgetBytes the most weight it holds; 0 keeps nothing
   */
  public ChunkCache(long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budgetBytes must be at least 0, was " + budgetBytes);
    }
    this.budgetBytes = budgetBytes;
  }

  /** Returns a kept chunk, or null. */
  synchronized Chunk get(String generation, int index) {
    return chunks.get(key(generation, index));
  }

  /** Keeps a chunk, letting the least recently used go until it fits. */
  synchronized void put(String generation, int index, Chunk chunk) {
    long weight = chunk.weight();
    if (weight > budgetBytes / 4) {
      return;
    }
    Chunk before = chunks.put(key(generation, index), chunk);
    used += weight - (before == null ? 0 : before.weight());
    Iterator<Map.Entry<String, Chunk>> eldest = chunks.entrySet().iterator();
    while (used > budgetBytes && eldest.hasNext()) {
      used -= eldest.next().getValue().weight();
      eldest.remove();
    }
  }

  /** Lets every chunk of a generation go. */
  synchronized void forget(String generation) {
    String prefix = generation + ":";
    Iterator<Map.Entry<String, Chunk>> it = chunks.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Chunk> entry = it.next();
      if (entry.getKey().startsWith(prefix)) {
        used -= entry.getValue().weight();
        it.remove();
      }
    }
  }

  /** Returns the weight held. */
  public synchronized long usedBytes() {
    return used;
  }

  /** Returns how many chunks are held. */
  public synchronized int size() {
    return chunks.size();
  }

  private static String key(String generation, int index) {
    return generation + ":" + index;
  }
}
