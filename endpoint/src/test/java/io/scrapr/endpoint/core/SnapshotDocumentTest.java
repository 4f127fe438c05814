package io.scrapr.endpoint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
  void a_snapshot_of_another_collection_or_garbage_is_refused() {
    byte[] books = SnapshotDocument.encode(Items.snapshot(Items.numbered(1)));

    assertThatThrownBy(() -> SnapshotDocument.decode("films", books))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () -> SnapshotDocument.decode("books", "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }
}
