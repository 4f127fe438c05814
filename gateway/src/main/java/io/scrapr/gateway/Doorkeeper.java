package io.scrapr.gateway;

/**
 * Remembers which keys were seen once, so the cache keeps an answer only the second time it is
 * given: an answer asked for once (one page of a client paging through a whole collection) would
 * otherwise push out the ones many clients ask for. A fixed table of hashes, so it costs the same
 * whatever the traffic; two keys with the same slot only make one of them wait for another
 * sighting. Not thread-safe: the cache calls it under its lock.
 */
final class Doorkeeper {
  private final int[] slots;
  private final int mask;

  /**
   * Creates one.
   *
   * @param slots how many keys it remembers at most; rounded up to a power of two
   */
  Doorkeeper(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, was " + slots);
    }
    int size = Integer.highestOneBit(Math.max(1, slots - 1)) << 1;
    this.slots = new int[size];
    this.mask = size - 1;
  }

  /**
   * Notes a sighting of a key.
   *
   * @return true when the key was seen before (and forgets it), false on a first sighting
   */
  boolean seenBefore(Object key) {
    int hash = key.hashCode();
    // Zero marks an empty slot, so no real hash may be zero.
    int mark = hash == 0 ? 1 : hash;
    int slot = (hash ^ (hash >>> 16)) & mask;
    if (slots[slot] == mark) {
      slots[slot] = 0;
      return true;
    }
    slots[slot] = mark;
    return false;
  }
}
