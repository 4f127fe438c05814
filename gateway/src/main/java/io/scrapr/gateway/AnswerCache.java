package io.scrapr.gateway;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The endpoints' 200 answers the gateway keeps, bounded by their total size ({@code
 * SCRAPR_GATEWAY_CACHE_BYTES}): the least recently used go first when a new one does not fit. An
 * answer is kept the second time the endpoint gives it ({@link Doorkeeper}), only when it has an
 * entity tag to revalidate it with, and only when it is at most an eighth of the bound, so one
 * large answer never empties the cache. Thread-safe; every operation is a few pointer moves under
 * one lock.
 */
final class AnswerCache {
  /** How many first sightings the doorkeeper remembers. */
  private static final int REMEMBERED = 8192;

  private final long maxBytes;
  private final long maxEntryBytes;
  private final Doorkeeper doorkeeper = new Doorkeeper(REMEMBERED);
  private final LinkedHashMap<CacheKey, CachedAnswer> entries =
      new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;
  private long evictions;

  /**
   * Creates an empty cache.
   *
   * @param maxBytes the bound on the answers' total size; 0 keeps nothing
   */
  AnswerCache(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.maxEntryBytes = maxBytes / 8;
  }

  /** Returns the kept answer of a key, marking it used; null when none is kept. */
  synchronized CachedAnswer get(CacheKey key) {
    return entries.get(key);
  }

  /**
   * Offers an endpoint's 200: kept when it fits and it is the key's second sighting (or the key's
   * copy is replaced); the key's old copy goes when the new one is not kept.
   *
   * @return whether it was kept
   */
  synchronized boolean offer(CacheKey key, CachedAnswer answer) {
    long weight = key.weight() + answer.weight();
    boolean held = entries.containsKey(key);
    if (answer.etag() == null || weight > maxEntryBytes || (!held && !doorkeeper.seenBefore(key))) {
      remove(key);
      return false;
    }
    put(key, answer, weight);
    return true;
  }

  /** Replaces the copy of a key that is still kept (e.g. after a revalidation); else nothing. */
  /** Replaces a key's copy only while it is still {@code expected} (the same object). */
  synchronized void replace(CacheKey key, CachedAnswer expected, CachedAnswer answer) {
    if (entries.get(key) == expected) {
      put(key, answer, key.weight() + answer.weight());
    }
  }

  synchronized void replace(CacheKey key, CachedAnswer answer) {
    if (entries.containsKey(key)) {
      put(key, answer, key.weight() + answer.weight());
    }
  }

  /** Drops the copy of a key, if any. */
  synchronized void remove(CacheKey key) {
    CachedAnswer gone = entries.remove(key);
    if (gone != null) {
      bytes -= key.weight() + gone.weight();
    }
  }

  /** Drops the copies of every collection not in the set: their endpoints are gone. */
  synchronized void retain(Set<String> collections) {
    Iterator<Map.Entry<CacheKey, CachedAnswer>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<CacheKey, CachedAnswer> entry = it.next();
      if (!collections.contains(entry.getKey().collection())) {
        bytes -= entry.getKey().weight() + entry.getValue().weight();
        it.remove();
      }
    }
  }

  /** Returns the kept answers' total size, as the bound counts it. */
  synchronized long bytes() {
    return bytes;
  }

  /** Returns how many answers are kept. */
  synchronized int size() {
    return entries.size();
  }

  /** Returns how many answers were dropped to make room, since the start. */
  synchronized long evictions() {
    return evictions;
  }

  /** Returns the bound. */
  long maxBytes() {
    return maxBytes;
  }

  private void put(CacheKey key, CachedAnswer answer, long weight) {
    remove(key);
    entries.put(key, answer);
    bytes += weight;
    Iterator<Map.Entry<CacheKey, CachedAnswer>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      Map.Entry<CacheKey, CachedAnswer> entry = eldest.next();
      bytes -= entry.getKey().weight() + entry.getValue().weight();
      eldest.remove();
      evictions++;
    }
  }
}
