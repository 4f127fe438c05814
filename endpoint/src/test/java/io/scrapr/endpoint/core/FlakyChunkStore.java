package io.scrapr.endpoint.core;

import java.util.Optional;

/** A heap chunk store a test can take down, or make forget everything, as a Redis would. */
final class FlakyChunkStore implements ChunkStore {
  private HeapChunkStore heap = new HeapChunkStore();
  volatile boolean down;

  /** Forgets every key, as a Redis restarted without persistence. */
  void forgetEverything() {
    heap = new HeapChunkStore();
  }

  /** Returns how many chunks it holds, of every generation. */
  int chunkCount() {
    return heap.chunkCount();
  }

  @Override
  public Optional<byte[]> manifest() {
    check();
    return heap.manifest();
  }

  @Override
  public void writeChunk(String generation, int index, byte[] chunk) {
    check();
    heap.writeChunk(generation, index, chunk);
  }

  @Override
  public Optional<byte[]> readChunk(String generation, int index) {
    check();
    return heap.readChunk(generation, index);
  }

  @Override
  public Optional<byte[]> commit(String generation, int chunks, byte[] manifest) {
    check();
    return heap.commit(generation, chunks, manifest);
  }

  @Override
  public void delete(String generation, int chunks) {
    check();
    heap.delete(generation, chunks);
  }

  private void check() {
    if (down) {
      throw new StoreUnavailableException("the store is down", null);
    }
  }
}
