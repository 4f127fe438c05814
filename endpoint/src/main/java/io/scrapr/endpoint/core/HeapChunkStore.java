package io.scrapr.endpoint.core;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A chunk store in this process's heap: what a snapshot built from a list of items lives in, and
 * the stand-in for Redis in unit tests. Provisional chunks never expire here.
 */
public final class HeapChunkStore implements ChunkStore {
  private final Map<String, byte[]> chunks = new ConcurrentHashMap<>();
  private final AtomicReference<byte[]> manifest = new AtomicReference<>();

  @Override
  public Optional<byte[]> manifest() {
    return Optional.ofNullable(manifest.get());
  }

  @Override
  public void writeChunk(String generation, int index, byte[] chunk) {
    chunks.put(key(generation, index), chunk);
  }

  @Override
  public Optional<byte[]> readChunk(String generation, int index) {
    return Optional.ofNullable(chunks.get(key(generation, index)));
  }

  @Override
  public Optional<byte[]> commit(String generation, int chunks, byte[] next) {
    for (int i = 0; i < chunks; i++) {
      if (!this.chunks.containsKey(key(generation, i))) {
        throw new StoreUnavailableException(
            "chunk " + i + " of generation " + generation + " is gone", null);
      }
    }
    return Optional.ofNullable(manifest.getAndSet(next));
  }

  @Override
  public void delete(String generation, int count) {
    for (int i = 0; i < count; i++) {
      chunks.remove(key(generation, i));
    }
  }

  /** Returns how many chunks it holds, of every generation. */
  public int chunkCount() {
    return chunks.size();
  }

  private static String key(String generation, int index) {
    return generation + ":" + index;
  }
}
