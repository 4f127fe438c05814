package io.scrapr.endpoint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestDocumentTest {

  @Test
  void a_stored_manifest_reads_back_with_its_mark_fields_and_chunks() throws IOException {
    SnapshotManifest manifest =
        new SnapshotManifest(
            "books",
            "abc123",
            "0011223344556677",
            new CollectionMark(Optional.of("42"), 2500, Optional.of("2026-11-20T10:00:00Z")),
            2500,
            List.of("title", "url"),
            new int[] {0, 1000, 2000});

    SnapshotManifest read = ManifestDocument.decode("books", ManifestDocument.encode(manifest));

    assertThat(read.generation()).isEqualTo("abc123");
    assertThat(read.version()).isEqualTo("0011223344556677");
    assertThat(read.mark()).isEqualTo(manifest.mark());
    assertThat(read.fields()).containsExactly("title", "url");
    assertThat(read.chunks()).isEqualTo(3);
    assertThat(read.chunkOf(1999)).isEqualTo(1);
    assertThat(read.chunkOf(2000)).isEqualTo(2);
  }

  @Test
  void a_manifest_of_another_collection_garbage_or_inconsistent_chunks_is_refused() {
    byte[] books =
        ManifestDocument.encode(
            new SnapshotManifest(
                "books", "g", "v", CollectionMark.none(), 0, List.of(), new int[0]));
    byte[] inconsistent =
        ("{\"collection\":\"books\",\"generation\":\"g\",\"version\":\"v\",\"size\":3,"
                + "\"fields\":[],\"chunkStarts\":[0,5]}")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ManifestDocument.decode("films", books))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () -> ManifestDocument.decode("books", "{]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ManifestDocument.decode("books", inconsistent))
        .isInstanceOf(IOException.class);
  }
}
