package io.scrapr.endpoint.core;

/**
 * How large one stored chunk may be: at most {@code items} items and, unless one item alone is
 * larger, at most {@code bytes} bytes.
 *
 * @param items the most items in a chunk ({@code SCRAPR_SNAPSHOT_CHUNK_ITEMS})
 * @param bytes the most bytes of a chunk ({@code SCRAPR_SNAPSHOT_CHUNK_BYTES})
 */
public record ChunkLimits(int items, int bytes) {
  /** The default of {@code SCRAPR_SNAPSHOT_CHUNK_ITEMS}. */
  public static final int DEFAULT_ITEMS = 1000;

  /** The default of {@code SCRAPR_SNAPSHOT_CHUNK_BYTES}: 1 MiB. */
  public static final int DEFAULT_BYTES = 1 << 20;

  public ChunkLimits {
    if (items < 1) {
      throw new IllegalArgumentException("items must be at least 1, was " + items);
    }
    if (bytes < 1) {
      throw new IllegalArgumentException("bytes must be at least 1, was " + bytes);
    }
  }

  /** Returns the defaults. */
  public static ChunkLimits defaults() {
    return new ChunkLimits(DEFAULT_ITEMS, DEFAULT_BYTES);
  }
}
