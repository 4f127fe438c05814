package io.scrapr.endpoint.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What describes one stored snapshot without its items: which generation of chunks holds them, its
 * content version, the datasource's mark, the item count, the fields, and where each chunk starts.
 */
public final class SnapshotManifest {
  private final String collection;
  private final String generation;
  private final String version;
  private final CollectionMark mark;
  private final int size;
  private final List<String> fields;
  private final int[] chunkStarts;

  /**
   * Creates a manifest.
   *
   * @param collection the collection's name
   * @param generation names the chunks written for this snapshot, unique per write
   * @param version the content hash (see {@link Snapshot#version()})
   * @param mark the datasource's state it was read at
   * @param size the number of items
   * @param fields every field any item has, in the order first seen
   * @param chunkStarts the index of each chunk's first item, ascending from 0; empty without items
   */
  public SnapshotManifest(
      String collection,
      String generation,
      String version,
      CollectionMark mark,
      int size,
      List<String> fields,
      int[] chunkStarts) {
    this.collection = Objects.requireNonNull(collection, "collection");
    this.generation = Objects.requireNonNull(generation, "generation");
    this.version = Objects.requireNonNull(version, "version");
    this.mark = Objects.requireNonNull(mark, "mark");
    this.fields = List.copyOf(fields);
    this.chunkStarts = chunkStarts.clone();
    if (size < 0 || (size == 0) != (this.chunkStarts.length == 0)) {
      throw new IllegalArgumentException(
          "a manifest of " + size + " items cannot have " + this.chunkStarts.length + " chunks");
    }
    for (int i = 0; i < this.chunkStarts.length; i++) {
      int previous = i == 0 ? -1 : this.chunkStarts[i - 1];
      if ((i == 0 && this.chunkStarts[0] != 0)
          || this.chunkStarts[i] <= previous
          || this.chunkStarts[i] >= size) {
        throw new IllegalArgumentException(
            "chunk starts must rise from 0 below "
                + size
                + ", were "
                + Arrays.toString(chunkStarts));
      }
    }
    this.size = size;
  }

  /** Returns the collection's name. */
  public String collection() {
    return collection;
  }

  /** Returns the name of this write's chunks. */
  public String generation() {
    return generation;
  }

  /** Returns the content hash. */
  public String version() {
    return version;
  }

  /** Returns the datasource's state it was read at. */
  public CollectionMark mark() {
    return mark;
  }

  /** Returns the number of items. */
  public int size() {
    return size;
  }

  /** Returns every field any item has, in the order first seen. */
  public List<String> fields() {
    return fields;
  }

  /** Returns how many chunks hold the items. */
  public int chunks() {
    return chunkStarts.length;
  }

  /** Returns the index of a chunk's first item. */
  public int chunkStart(int chunk) {
    return chunkStarts[chunk];
  }

  /** Returns the chunk that holds an item. */
  public int chunkOf(int item) {
    Objects.checkIndex(item, size);
    int found = Arrays.binarySearch(chunkStarts, item);
    return found >= 0 ? found : -found - 2;
  }

  /** Returns the index of each chunk's first item; a copy. */
  int[] chunkStarts() {
    return chunkStarts.clone();
  }
}
