package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One copy of a collection as read from the datasource: its {@link SnapshotManifest manifest} in
 * memory, its items in chunks read when a page needs them, with a version derived from its content
 * (so every replica, and a restarted endpoint, gives the same ETags for the same data) and the
 * datasource's mark of the state it was read at. A page reads only the chunks that hold it, all of
 * one generation: never a mix of two copies.
 */
public final class Snapshot {
  /** Reads one chunk of a manifest's generation. */
  interface ChunkReader {
    /**
     * Returns the chunk.
     *
     * @param keep whether to keep it in the chunk cache; a scan of every chunk does not, so it
     *     leaves the chunks pages are served from in place
     * @throws StoreUnavailableException when it cannot be read or is no longer stored
     */
    Chunk read(SnapshotManifest manifest, int chunk, boolean keep);
  }

  /** Receives each stored item of a scan. */
  interface StoredItemVisitor {
    /**
     * Takes one item.
     *
     * @param index its place in the datasource's order
     * @param json its JSON as stored; a copy the visitor may keep
     */
    void visit(int index, byte[] json);
  }

  private final SnapshotManifest manifest;
  private final ChunkReader chunks;

  Snapshot(SnapshotManifest manifest, ChunkReader chunks) {
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.chunks = Objects.requireNonNull(chunks, "chunks");
  }

  /**
   * Builds a snapshot of a collection read without a version, in this process's heap.
   *
   * @param collection the collection's name
   * @param updatedAt when the datasource last changed it, as the datasource wrote it
   * @param items its items, in the datasource's order
   */
  public static Snapshot of(String collection, Optional<String> updatedAt, List<ObjectNode> items) {
    return of(collection, CollectionMark.unversioned(items.size(), updatedAt), items);
  }

  /**
   * Builds a snapshot in this process's heap, chunked as a stored one is.
   *
   * @param collection the collection's name
   * @param mark the datasource's state it was read at
   * @param items its items, in the datasource's order
   */
  public static Snapshot of(String collection, CollectionMark mark, List<ObjectNode> items) {
    Objects.requireNonNull(mark, "mark");
    SnapshotWriter writer = SnapshotStore.inHeap(collection).writer();
    writer.start(mark);
    items.forEach(writer::accept);
    return writer.commit(mark);
  }

  /** Returns the collection's name. */
  public String collection() {
    return manifest.collection();
  }

  /** Returns when the datasource last changed the collection, if it said. */
  public Optional<String> updatedAt() {
    return manifest.mark().updatedAt();
  }

  /** Returns the datasource's state this copy was read at. */
  public CollectionMark mark() {
    return manifest.mark();
  }

  /** Returns its manifest. */
  public SnapshotManifest manifest() {
    return manifest;
  }

  /**
   * Returns every item in the datasource's order, reading every chunk: for tests and small copies.
   *
   * @throws StoreUnavailableException when a chunk cannot be read
   */
  public List<PreparedItem> items() {
    return slice(0, manifest.size(), false);
  }

  /** Returns the number of items. */
  public int size() {
    return manifest.size();
  }

  /** Returns every field any item has, in the order they were first seen. */
  public List<String> fields() {
    return manifest.fields();
  }

  /**
   * Returns a short hash of the content ({@code updatedAt} and the items): equal content, equal
   * version. This, not the datasource's version, goes into entity tags: it changes exactly when
   * what a response shows changes.
   */
  public String version() {
    return manifest.version();
  }

  /**
   * Returns the items one query selects, in the order it asks for, reading the chunks that hold
   * them; a descending page counts its offset from the end.
   *
   * @throws StoreUnavailableException when a chunk cannot be read
   */
  public List<PreparedItem> page(PageQuery query) {
    int total = manifest.size();
    int from = Math.min(query.offset(), total);
    int to = (int) Math.min((long) from + query.limit(), total);
    return slice(from, to - from, query.desc());
  }

  private List<PreparedItem> slice(int from, int count, boolean desc) {
    int total = manifest.size();
    int[] indices = new int[count];
    for (int k = 0; k < count; k++) {
      indices[k] = desc ? total - 1 - from - k : from + k;
    }
    return itemsAt(indices);
  }

  /**
   * Returns the items at the given places, in that order, reading each chunk once per run of places
   * in it.
   *
   * @throws StoreUnavailableException when a chunk cannot be read
   */
  List<PreparedItem> itemsAt(int[] indices) {
    List<PreparedItem> page = new ArrayList<>(indices.length);
    Chunk chunk = null;
    int held = -1;
    for (int item : indices) {
      int index = manifest.chunkOf(item);
      if (index != held) {
        chunk = checked(chunks.read(manifest, index, true), index);
        held = index;
      }
      page.add(chunk.item(item - manifest.chunkStart(index)));
    }
    return page;
  }

  /**
   * Hands every item to the visitor in the datasource's order, reading each chunk once and keeping
   * none that was not kept already.
   *
   * @throws StoreUnavailableException when a chunk cannot be read
   */
  void forEachStored(StoredItemVisitor visitor) {
    for (int index = 0; index < manifest.chunks(); index++) {
      Chunk chunk = checked(chunks.read(manifest, index, false), index);
      int start = manifest.chunkStart(index);
      for (int k = 0; k < chunk.size(); k++) {
        visitor.visit(start + k, chunk.item(k).json());
      }
    }
  }

  private Chunk checked(Chunk chunk, int index) {
    int expected =
        (index + 1 < manifest.chunks() ? manifest.chunkStart(index + 1) : manifest.size())
            - manifest.chunkStart(index);
    if (chunk.size() != expected) {
      throw new StoreUnavailableException(
          "chunk "
              + index
              + " of generation "
              + manifest.generation()
              + " holds "
              + chunk.size()
              + " items, not "
              + expected,
          null);
    }
    return chunk;
  }
}
