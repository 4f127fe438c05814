package io.scrapr.endpoint.core;

import static io.scrapr.endpoint.core.Items.numbered;
import static io.scrapr.endpoint.core.Items.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CollectionViewTest {
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final CollectionView view = new CollectionView("books", metrics);

  @Test
  void nothing_is_answered_before_a_snapshot_is_published() {
    assertThat(view.answer(PageQuery.defaults(), null)).isEmpty();
  }

  @Test
  void the_default_page_prepared_at_publish_is_what_a_fresh_render_gives() {
    Snapshot snapshot = snapshot(numbered(150));
    view.publish(snapshot, false);
    PageQuery defaults = PageQuery.defaults();

    Answer answer = view.answer(defaults, null).orElseThrow();

    assertThat(answer.body())
        .isEqualTo(
            JsonPage.render(snapshot, defaults, snapshot.page(defaults), snapshot.size(), null));
    assertThat(Items.json(answer.body()).path("items")).hasSize(100);
    assertThat(answer.total()).isEqualTo(150);
  }

  @Test
  void a_client_with_the_current_tag_gets_not_modified_and_no_body() {
    view.publish(snapshot(numbered(3)), false);
    String etag = view.answer(PageQuery.defaults(), null).orElseThrow().etag();

    Answer answer = view.answer(PageQuery.defaults(), etag).orElseThrow();

    assertThat(answer.notModified()).isTrue();
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void staleness_follows_the_last_refresh_and_shows_in_the_gauge() {
    view.publish(snapshot(numbered(3)), true);
    assertThat(view.answer(PageQuery.defaults(), null).orElseThrow().stale()).isTrue();
    assertThat(metrics.get("scrapr.endpoint.stale").gauge().value()).isEqualTo(1.0);

    view.markStale(false);

    assertThat(view.answer(PageQuery.defaults(), null).orElseThrow().stale()).isFalse();
    assertThat(metrics.get("scrapr.endpoint.stale").gauge().value()).isZero();
  }

  @Test
  void served_items_are_counted() {
    view.publish(snapshot(numbered(3)), false);

    view.answer(PageQuery.defaults(), null);
    view.answer(new PageQuery(1, 5, false, Projection.all(), Format.CSV), null);

    assertThat(metrics.get("scrapr.endpoint.items.served").counter().count()).isEqualTo(5.0);
    assertThat(metrics.get("scrapr.endpoint.snapshot.items").gauge().value()).isEqualTo(3.0);
  }

  @Test
  void a_query_asked_again_is_not_rendered_again_until_the_content_changes() {
    view.publish(snapshot(numbered(30)), false);
    PageQuery query = new PageQuery(5, 10, true, Projection.all(), Format.CSV);

    byte[] first = view.answer(query, null).orElseThrow().body();
    byte[] again = view.answer(query, null).orElseThrow().body();
    view.publish(snapshot(numbered(30)), true);
    byte[] sameContent = view.answer(query, null).orElseThrow().body();
    view.publish(snapshot(numbered(31)), false);
    byte[] changed = view.answer(query, null).orElseThrow().body();

    assertThat(again).isSameAs(first);
    assertThat(sameContent).isSameAs(first);
    assertThat(changed).isNotSameAs(first).isNotEqualTo(first);
    assertThat(metrics.get("scrapr.endpoint.page.cache.bytes").gauge().value())
        .isEqualTo(changed.length);
  }

  @Test
  void a_cached_page_still_answers_its_current_tag_with_not_modified() {
    view.publish(snapshot(numbered(30)), false);
    PageQuery query = new PageQuery(0, 3, false, Projection.all(), Format.JSON);
    String etag = view.answer(query, null).orElseThrow().etag();

    Answer answer = view.answer(query, etag).orElseThrow();

    assertThat(answer.notModified()).isTrue();
    assertThat(answer.page()).isEmpty();
    assertThat(etag).isEqualTo(EntityTag.of(snapshot(numbered(30)).version(), query));
  }

  @Test
  void without_a_page_cache_every_other_query_is_rendered_afresh() {
    CollectionView uncached = new CollectionView("books", new SimpleMeterRegistry(), 0);
    uncached.publish(snapshot(numbered(30)), false);
    PageQuery query = new PageQuery(0, 3, false, Projection.all(), Format.JSON);

    byte[] first = uncached.answer(query, null).orElseThrow().body();
    byte[] again = uncached.answer(query, null).orElseThrow().body();

    assertThat(again).isNotSameAs(first).isEqualTo(first);
  }

  @Test
  void prepared_answers_only_what_takes_no_rendering() {
    view.publish(snapshot(numbered(30)), false);
    PageQuery query = new PageQuery(2, 4, false, Projection.all(), Format.JSONL);
    String etag = EntityTag.of(snapshot(numbered(30)).version(), query);

    assertThat(view.prepared(query, null, page -> true)).isEmpty();
    assertThat(view.prepared(query, etag, page -> true).orElseThrow().notModified()).isTrue();
    assertThat(view.prepared(PageQuery.defaults(), null, page -> true)).isPresent();
    byte[] rendered = view.answer(query, null).orElseThrow().body();
    assertThat(view.prepared(query, null, page -> true).orElseThrow().body()).isSameAs(rendered);
    assertThat(view.prepared(query, null, page -> false)).isEmpty();
    // Counted: the default page (30 items) once, the JSONL page twice (4 each); not the refusals.
    assertThat(metrics.get("scrapr.endpoint.items.served").counter().count()).isEqualTo(38.0);
  }

  @Test
  void a_page_whose_copy_is_replaced_while_it_renders_is_rendered_from_the_new_copy_whole() {
    HeapChunkStore heap = new HeapChunkStore();
    AtomicReference<Runnable> onRead = new AtomicReference<>();
    ChunkStore store = new HookedStore(heap, onRead);
    SnapshotStore snapshots =
        new SnapshotStore("books", store, new ChunkLimits(4, 1 << 20), new ChunkCache(0));
    Snapshot old = write(snapshots, numbered(20));
    view.publish(old, false);
    List<ObjectNode> changed = numbered(20);
    changed.forEach(item -> item.put("n", item.path("n").asInt() + 100));
    SnapshotWriter refresh = snapshots.writer();
    // A refresh lands between the request taking the old copy and reading its chunks.
    onRead.set(
        () -> {
          onRead.set(null);
          refresh.start(CollectionMark.none());
          changed.forEach(refresh::accept);
          view.publish(refresh.commit(CollectionMark.none()), false);
          snapshots.retire(refresh.replaced().orElseThrow());
        });

    Answer answer =
        view.answer(new PageQuery(2, 8, false, Projection.all(), Format.JSONL), null).orElseThrow();

    assertThat(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"n\":103}\n")
        .endsWith("{\"n\":110}\n");
  }

  @Test
  void a_page_whose_chunks_are_gone_is_refused_not_rendered_in_part() {
    HeapChunkStore heap = new HeapChunkStore();
    SnapshotStore snapshots =
        new SnapshotStore("books", heap, new ChunkLimits(4, 1 << 20), new ChunkCache(0));
    Snapshot snapshot = write(snapshots, numbered(20));
    view.publish(snapshot, false);
    heap.delete(snapshot.manifest().generation(), snapshot.manifest().chunks());

    assertThatThrownBy(
            () -> view.answer(new PageQuery(2, 8, false, Projection.all(), Format.JSON), null))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(view.answer(PageQuery.defaults(), null).orElseThrow().total()).isEqualTo(20);
  }

  private static Snapshot write(SnapshotStore snapshots, List<ObjectNode> items) {
    SnapshotWriter writer = snapshots.writer();
    writer.start(CollectionMark.none());
    items.forEach(writer::accept);
    return writer.commit(CollectionMark.none());
  }

  /** A heap store that runs a hook before a chunk is read. */
  private record HookedStore(HeapChunkStore heap, AtomicReference<Runnable> onRead)
      implements ChunkStore {
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
      Runnable hook = onRead.get();
      if (hook != null) {
        hook.run();
      }
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
