package io.scrapr.endpoint.core;

import java.util.Optional;

/**
 * Where one collection's snapshot is kept, as a manifest and chunks: the chunks of a write are
 * written first and stay provisional (a store may let them expire) until {@link #commit} makes them
 * permanent and switches the manifest to them in one step, so a reader, and an endpoint restarted
 * after a crash mid-write, sees the old copy or the new one whole. Every method throws {@link
 * StoreUnavailableException} when the store cannot be reached.
 */
public interface ChunkStore {
  /** Returns the current manifest as stored; empty when none was committed. */
  Optional<byte[]> manifest();

  /** Writes one chunk of a write in progress, provisionally. */
  void writeChunk(String generation, int index, byte[] chunk);

  /** Returns one chunk; empty when the store does not hold it (deleted, expired, lost). */
  Optional<byte[]> readChunk(String generation, int index);

  /**
   * Makes a write's chunks permanent and switches the manifest to it.
   *
   * @param generation the write
   * @param chunks how many chunks it wrote (0 to {@code chunks - 1})
   * @param manifest the new manifest
   * @return the manifest it replaced, if any
   * @throws StoreUnavailableException as well when one of the chunks is no longer held
   */
  Optional<byte[]> commit(String generation, int chunks, byte[] manifest);

  /** Deletes a write's chunks, those that exist of {@code 0 .. chunks - 1}. */
  void delete(String generation, int chunks);
}
