package io.scrapr.endpoint.core;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collection's snapshots in a chunk store: loads the committed one, starts writes of new ones,
 * and reads their chunks through a byte-bounded cache, so the heap holds the manifest and the
 * chunks read last, never the whole collection. A chunk found missing marks its generation damaged
 * until a refresh writes a new one.
 */
public final class SnapshotStore {
  private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

  private final String collection;
  private final ChunkStore store;
  private final ChunkLimits limits;
  private final ChunkCache cache;
  private final Set<String> damaged = ConcurrentHashMap.newKeySet();

  /**
   * Creates the store's view of one collection.
   *
   * @param collection the collection
   * @param store where manifest and chunks are kept
   * @param limits how large a chunk a write makes
   * @param cache the chunks kept in memory
   */
  public SnapshotStore(String collection, ChunkStore store, ChunkLimits limits, ChunkCache cache) {
    this.collection = collection;
    this.store = store;
    this.limits = limits;
    this.cache = cache;
  }

  /** Returns a store in this process's heap with the default chunk limits and no chunk cache. */
  public static SnapshotStore inHeap(String collection) {
    return new SnapshotStore(
        collection, new HeapChunkStore(), ChunkLimits.defaults(), new ChunkCache(0));
  }

  /**
   * Returns the committed snapshot; empty when there is none, or its manifest is unreadable.
   *
   * @throws StoreUnavailableException when the store cannot be read
   */
  public Optional<Snapshot> load() {
    return decodeQuietly(store.manifest()).map(this::snapshot);
  }

  /** Starts the write of a new snapshot, under a generation of its own. */
  public SnapshotWriter writer() {
    String generation = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new SnapshotWriter(collection, generation, store, limits, this);
  }

  /**
   * Returns whether the store still holds a snapshot whole as its current one: its manifest is the
   * committed one and none of its chunks was found missing.
   *
   * @throws StoreUnavailableException when the store cannot be read
   */
  public boolean holds(Snapshot snapshot) {
    String generation = snapshot.manifest().generation();
    return !damaged.contains(generation)
        && decodeQuietly(store.manifest())
            .map(m -> m.generation().equals(generation))
            .orElse(false);
  }

  /**
   * Deletes the chunks of a snapshot no longer served; a failure is logged, its chunks are left.
   */
  public void retire(SnapshotManifest old) {
    cache.forget(old.generation());
    damaged.remove(old.generation());
    try {
      store.delete(old.generation(), old.chunks());
    } catch (StoreUnavailableException e) {
      log.warn(
          "endpoint: cannot delete the {} chunks of the replaced copy of {} (generation {}): {}",
          old.chunks(),
          collection,
          old.generation(),
          e.getMessage());
    }
  }

  /** Returns the chunk cache. */
  public ChunkCache cache() {
    return cache;
  }

  Snapshot snapshot(SnapshotManifest manifest) {
    return new Snapshot(manifest, this::read);
  }

  Optional<SnapshotManifest> decodeQuietly(Optional<byte[]> stored) {
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ManifestDocument.decode(collection, stored.get()));
    } catch (IOException e) {
      log.warn("endpoint: ignored the unreadable manifest of {}: {}", collection, e.getMessage());
      return Optional.empty();
    }
  }

  private Chunk read(SnapshotManifest manifest, int index, boolean keep) {
    String generation = manifest.generation();
    Chunk kept = cache.get(generation, index);
    if (kept != null) {
      return kept;
    }
    Optional<byte[]> stored = store.readChunk(generation, index);
    if (stored.isEmpty()) {
      damaged.add(generation);
      throw new StoreUnavailableException(
          "chunk "
              + index
              + " of the copy of "
              + collection
              + " (generation "
              + generation
              + ") is no longer stored",
          null);
    }
    Chunk chunk = Chunk.of(stored.get());
    if (keep) {
      cache.put(generation, index, chunk);
    }
    return chunk;
  }
}
