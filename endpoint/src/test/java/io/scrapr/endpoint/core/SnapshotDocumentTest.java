package io.scrapr.endpoint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotDocumentTest {

  @Test
  void a_stored_snapshot_reads_back_with_the_same_items_and_version() throws IOException {
    Snapshot snapshot =
        Items.snapshot(List.of(Items.item("{\"title\":\"ä\",\"tags\":[1,2]}"), Items.item("{}")));

    Snapshot read = SnapshotDocument.decode("books", SnapshotDocument.encode(snapshot));

    assertThat(read.version()).isEqualTo(snapshot.version());
    assertThat(read.updatedAt()).isEqualTo(snapshot.updatedAt());
    assertThat(read.items())
        .extracting(PreparedItem::node)
        .containsExactly(snapshot.items().get(0).node(), snapshot.items().get(1).node());
  }

  @Test
  void the_datasource_version_and_count_it_was_read_at_are_kept() throws IOException {
    CollectionMark mark =
        new CollectionMark(Optional.of("42"), 3, Optional.of("2026-11-20T10:00Z"));
    Snapshot snapshot = Snapshot.of("books", mark, Items.numbered(3));

    Snapshot read = SnapshotDocument.decode("books", SnapshotDocument.encode(snapshot));

    assertThat(read.mark()).isEqualTo(mark);
    assertThat(read.version()).isEqualTo(snapshot.version());
  }

  @Test
  void a_document_stored_before_versions_reads_as_a_copy_of_unknown_version() throws IOException {
    byte[] old =
        "{\"collection\":\"books\",\"updatedAt\":\"2026-11-20T10:00:00Z\",\"items\":[{\"n\":1}]}"
            .getBytes(StandardCharsets.UTF_8);

    Snapshot read = SnapshotDocument.decode("books", old);

    assertThat(read.mark())
        .isEqualTo(CollectionMark.unversioned(1, Optional.of("2026-11-20T10:00:00Z")));
  }

  @Test
  void a_snapshot_of_another_collection_or_garbage_is_refused() {
    byte[] books = SnapshotDocument.encode(Items.snapshot(Items.numbered(1)));

    assertThatThrownBy(() -> SnapshotDocument.decode("films", books))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () -> SnapshotDocument.decode("books", "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }
}
