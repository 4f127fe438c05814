package io.scrapr.endpoint.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * A run of consecutive items of one snapshot as it is stored: each item's JSON (as {@link
 * PreparedItem} wrote it) on a line of its own, with the line offsets found once, so that an item
 * is parsed only when a page shows it.
 */
public final class Chunk {
  private final byte[] data;
  private final int[] starts;

  private Chunk(byte[] data, int[] starts) {
    this.data = data;
    this.starts = starts;
  }

  /**
   * Reads a stored chunk.
   *
   * @param data items' JSON, each followed by {@code \n}; shared, never changed
   */
  public static Chunk of(byte[] data) {
    Objects.requireNonNull(data, "data");
    int lines = 0;
    for (byte b : data) {
      if (b == '\n') {
        lines++;
      }
    }
    int[] starts = new int[lines + 1];
    int line = 1;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        starts[line++] = i + 1;
      }
    }
    return new Chunk(data, starts);
  }

  /** Returns the number of items. */
  public int size() {
    return starts.length - 1;
  }

  /** Returns the stored bytes and the offsets: what keeping it in memory costs, roughly. */
  public long weight() {
    return data.length + 4L * starts.length + 64;
  }

  /**
   * Returns one item, parsed when a page needs more than its JSON whole.
   *
   * @param index its place in the chunk, from 0
   */
  public PreparedItem item(int index) {
    Objects.checkIndex(index, size());
    int from = starts[index];
    return PreparedItem.stored(Arrays.copyOfRange(data, from, starts[index + 1] - 1));
  }
}
