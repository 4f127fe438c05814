package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.hash.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes one new snapshot to a chunk store as its items arrive: each item serialised once, added to
 * the content hash, and to the chunk being filled, which goes to the store when it is full; so no
 * more than one chunk is held, whatever the collection's size. {@link #commit} switches the store's
 * manifest to it; {@link #abort} deletes what was written. Single use, one thread.
 */
public final class SnapshotWriter implements ItemSink {
  /**
   * The most field names the manifest keeps: more than any CSV table (200 columns, 100 omitted) can
   * use, so a collection whose items all have names of their own stays bounded.
   */
  static final int MAX_FIELDS = 1000;

  private final String collection;
  private final String generation;
  private final ChunkStore store;
  private final ChunkLimits limits;
  private final SnapshotStore snapshots;
  private final MessageDigest digest = Sha256.digest();
  private final Set<String> fields = new LinkedHashSet<>();
  private final List<Integer> chunkStarts = new ArrayList<>();
  private final ByteArrayOutputStream chunk = new ByteArrayOutputStream();
  private int inChunk;
  private int size;
  private boolean started;
  private Optional<SnapshotManifest> replaced = Optional.empty();

  SnapshotWriter(
      String collection,
      String generation,
      ChunkStore store,
      ChunkLimits limits,
      SnapshotStore snapshots) {
    this.collection = collection;
    this.generation = generation;
    this.store = store;
    this.limits = limits;
    this.snapshots = snapshots;
  }

  @Override
  public void start(CollectionMark mark) {
    if (started) {
      throw new IllegalStateException("a snapshot write is started once");
    }
    started = true;
    mark.updatedAt().ifPresent(u -> digest.update(u.getBytes(StandardCharsets.UTF_8)));
    digest.update((byte) 0);
  }

  /**
   * Adds an item.
   *
   * @throws StoreUnavailableException when a full chunk cannot be written
   */
  @Override
  public void accept(ObjectNode node) {
    if (!started) {
      throw new IllegalStateException("items come after start()");
    }
    PreparedItem item = PreparedItem.of(node);
    byte[] json = item.json();
    digest.update(json);
    digest.update((byte) '\n');
    for (String name : item.names()) {
      if (fields.size() >= MAX_FIELDS) {
        break;
      }
      fields.add(name);
    }
    if (inChunk > 0 && chunk.size() + json.length + 1 > limits.bytes()) {
      flush();
    }
    if (inChunk == 0) {
      chunkStarts.add(size);
    }
    chunk.write(json, 0, json.length);
    chunk.write('\n');
    inChunk++;
    size++;
    if (inChunk >= limits.items()) {
      flush();
    }
  }

  /**
   * Writes the last chunk and switches the store's manifest to this snapshot. The chunks of the
   * snapshot it replaced stay until {@link SnapshotStore#retire} deletes them, so requests still
   * reading it finish.
   *
   * @param mark the state the collection was read at
   * @return the new snapshot
   * @throws StoreUnavailableException when the store cannot take it; the old copy stays current
   */
  public Snapshot commit(CollectionMark mark) {
    if (!started) {
      start(mark);
    }
    flush();
    String version = HexFormat.of().formatHex(digest.digest(), 0, 8);
    int[] starts = chunkStarts.stream().mapToInt(Integer::intValue).toArray();
    SnapshotManifest manifest =
        new SnapshotManifest(
            collection, generation, version, mark, size, List.copyOf(fields), starts);
    replaced =
        snapshots.decodeQuietly(
            store.commit(generation, starts.length, ManifestDocument.encode(manifest)));
    return snapshots.snapshot(manifest);
  }

  /** Returns the manifest the commit replaced, if there was one. */
  public Optional<SnapshotManifest> replaced() {
    return replaced;
  }

  /** Deletes the chunks written so far: this write will not be committed. */
  public void abort() {
    try {
      store.delete(generation, chunkStarts.size());
    } catch (StoreUnavailableException e) {
      // They were written provisionally: the store lets them expire.
    }
  }

  private void flush() {
    if (inChunk == 0) {
      return;
    }
    store.writeChunk(generation, chunkStarts.size() - 1, chunk.toByteArray());
    chunk.reset();
    inChunk = 0;
  }
}
