package io.scrapr.endpoint.core;

import static io.scrapr.endpoint.core.Items.numbered;
import static io.scrapr.endpoint.core.Items.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotStoreTest {
  private static final CollectionMark MARK =
      new CollectionMark(Optional.of("7"), 10, Optional.of("2026-11-20T10:00:00Z"));

  private final CountingStore store = new CountingStore();
  // Chunks of 4 items: 10 items are chunks [1-4] [5-8] [9-10].
  private final SnapshotStore snapshots =
      new SnapshotStore("books", store, new ChunkLimits(4, 1 << 20), new ChunkCache(0));

  @Test
  void a_collection_is_kept_in_chunks_of_at_most_the_item_limit_the_last_one_partial() {
    Snapshot snapshot = write(numbered(10));

    assertThat(snapshot.manifest().chunks()).isEqualTo(3);
    assertThat(store.heap.chunkCount()).isEqualTo(3);
    assertThat(numbers(snapshot.items())).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void a_page_across_a_chunk_boundary_reads_only_the_chunks_that_hold_it() {
    Snapshot snapshot = write(numbered(10));
    store.reads.clear();

    assertThat(numbers(snapshot.page(page(3, 3, false)))).containsExactly(4, 5, 6);
    assertThat(store.reads).containsExactly(0, 1);
  }

  @Test
  void a_descending_page_counts_from_the_end_across_chunks() {
    Snapshot snapshot = write(numbered(10));

    assertThat(numbers(snapshot.page(page(0, 3, true)))).containsExactly(10, 9, 8);
    assertThat(numbers(snapshot.page(page(7, 5, true)))).containsExactly(3, 2, 1);
    store.reads.clear();
    assertThat(numbers(snapshot.page(page(1, 2, true)))).containsExactly(9, 8);
    assertThat(store.reads).containsExactly(2, 1);
  }

  @Test
  void the_last_partial_chunk_and_offsets_past_the_end_are_paged_as_before() {
    Snapshot snapshot = write(numbered(10));

    assertThat(numbers(snapshot.page(page(8, 5, false)))).containsExactly(9, 10);
    assertThat(snapshot.page(page(10, 5, false))).isEmpty();
    assertThat(snapshot.page(page(Integer.MAX_VALUE, 10_000, true))).isEmpty();
  }

  @Test
  void a_chunk_holds_at_most_the_byte_limit_unless_one_item_alone_is_larger() {
    SnapshotStore small =
        new SnapshotStore("books", store, new ChunkLimits(100, 20), new ChunkCache(0));
    List<ObjectNode> items = new ArrayList<>(numbered(3));
    items.add(1, Items.item("{\"n\":99,\"text\":\"" + "x".repeat(100) + "\"}"));
    SnapshotWriter writer = small.writer();
    writer.start(MARK);
    items.forEach(writer::accept);

    Snapshot snapshot = writer.commit(MARK);

    // {"n":1} is 8 bytes with its line end: two fit in 20, the large one is a chunk of its own.
    assertThat(snapshot.manifest().chunks()).isEqualTo(3);
    assertThat(numbers(snapshot.items())).containsExactly(1, 99, 2, 3);
  }

  @Test
  void the_version_is_the_content_hash_whatever_the_chunking() {
    Snapshot chunked = write(numbered(10));
    Snapshot whole = Snapshot.of("books", MARK, numbered(10));

    assertThat(chunked.version()).isEqualTo(whole.version());
    assertThat(chunked.fields()).containsExactly("n");
  }

  @Test
  void a_write_that_never_commits_leaves_the_old_copy_current() {
    Snapshot old = write(numbered(10));
    SnapshotWriter crashed = snapshots.writer();
    crashed.start(MARK);
    numbered(9).forEach(crashed::accept);
    // Two full chunks went to the store; then the process died before the manifest switch.

    Snapshot loaded =
        new SnapshotStore("books", store, ChunkLimits.defaults(), new ChunkCache(0))
            .load()
            .orElseThrow();

    assertThat(store.heap.chunkCount()).isEqualTo(3 + 2);
    assertThat(loaded.manifest().generation()).isEqualTo(old.manifest().generation());
    assertThat(numbers(loaded.items())).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void a_reader_of_the_old_copy_sees_it_whole_until_it_is_retired_and_never_a_mix() {
    Snapshot old = write(numbered(10));
    SnapshotWriter next = snapshots.writer();
    next.start(MARK);
    Items.numbered(12).forEach(item -> next.accept(item.put("n", item.path("n").asInt() + 100)));

    assertThat(numbers(old.page(page(0, 10, false))))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    Snapshot current = next.commit(MARK);
    assertThat(numbers(old.page(page(2, 4, false)))).containsExactly(3, 4, 5, 6);
    assertThat(numbers(current.page(page(2, 4, false)))).containsExactly(103, 104, 105, 106);
    assertThat(snapshots.load().orElseThrow().version()).isEqualTo(current.version());

    snapshots.retire(next.replaced().orElseThrow());

    assertThat(store.heap.chunkCount()).isEqualTo(3);
    assertThatThrownBy(() -> old.page(page(0, 3, false)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("no longer stored");
    assertThat(snapshots.holds(current)).isTrue();
  }

  @Test
  void an_aborted_write_deletes_its_chunks() {
    write(numbered(10));
    SnapshotWriter spoilt = snapshots.writer();
    spoilt.start(MARK);
    numbered(9).forEach(spoilt::accept);

    spoilt.abort();

    assertThat(store.heap.chunkCount()).isEqualTo(3);
  }

  @Test
  void a_copy_with_a_missing_chunk_is_no_longer_held() {
    Snapshot snapshot = write(numbered(10));
    store.heap.delete(snapshot.manifest().generation(), 1);

    assertThatThrownBy(() -> snapshot.page(page(0, 1, false)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(snapshots.holds(snapshot)).isFalse();
  }

  @Test
  void chunks_read_once_are_kept_in_the_cache_within_its_budget() {
    SnapshotStore cached =
        new SnapshotStore("books", store, new ChunkLimits(4, 1 << 20), new ChunkCache(1 << 20));
    SnapshotWriter writer = cached.writer();
    writer.start(MARK);
    numbered(10).forEach(writer::accept);
    Snapshot snapshot = writer.commit(MARK);
    store.reads.clear();

    snapshot.page(page(0, 6, false));
    snapshot.page(page(0, 6, false));

    assertThat(store.reads).containsExactly(0, 1);
    assertThat(cached.cache().size()).isEqualTo(2);
  }

  @Test
  void an_empty_collection_is_a_manifest_without_chunks() {
    SnapshotWriter writer = snapshots.writer();
    Snapshot empty = writer.commit(CollectionMark.none());

    assertThat(empty.size()).isZero();
    assertThat(empty.manifest().chunks()).isZero();
    assertThat(empty.page(PageQuery.defaults())).isEmpty();
    assertThat(snapshots.load().orElseThrow().size()).isZero();
  }

  private Snapshot write(List<ObjectNode> items) {
    SnapshotWriter writer = snapshots.writer();
    writer.start(MARK);
    items.forEach(writer::accept);
    return writer.commit(MARK);
  }

  private static PageQuery page(int offset, int limit, boolean desc) {
    return new PageQuery(offset, limit, desc, Projection.all(), Format.JSON);
  }

  /** A heap store that records which chunks are read. */
  private static final class CountingStore implements ChunkStore {
    final HeapChunkStore heap = new HeapChunkStore();
    final List<Integer> reads = new ArrayList<>();

    @Override
    public Optional<byte[]> manifest() {
      return heap.manifest();
    }

    @Override
    public void writeChunk(String generation, int index, byte[] chunk) {
      heap.writeChunk(generation, index, chunk);
    }

    @Override
    public Optional<byte[]> readChunk(String generation, int index) {
      reads.add(index);
      return heap.readChunk(generation, index);
    }

    @Override
    public Optional<byte[]> commit(String generation, int chunks, byte[] manifest) {
      return heap.commit(generation, chunks, manifest);
    }

    @Override
    public void delete(String generation, int chunks) {
      heap.delete(generation, chunks);
    }
  }
}
