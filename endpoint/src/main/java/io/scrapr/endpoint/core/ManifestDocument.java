package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored form of a manifest: {@code {"collection", "generation", "version", "updatedAt",
 * "datasourceVersion", "count", "size", "fields": [...], "chunkStarts": [...]}}, where {@code
 * count} is the datasource's count in its mark and {@code size} the items stored.
 */
public final class ManifestDocument {
  private ManifestDocument() {}

  /** Writes a manifest. */
  public static byte[] encode(SnapshotManifest manifest) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("collection", manifest.collection());
    root.put("generation", manifest.generation());
    root.put("version", manifest.version());
    root.put("updatedAt", manifest.mark().updatedAt().orElse(null));
    root.put("datasourceVersion", manifest.mark().version().orElse(null));
    root.put("count", manifest.mark().count());
    root.put("size", manifest.size());
    ArrayNode fields = root.putArray("fields");
    manifest.fields().forEach(fields::add);
    ArrayNode starts = root.putArray("chunkStarts");
    for (int start : manifest.chunkStarts()) {
      starts.add(start);
    }
    return Json.writeBytes(root);
  }

  /**
   * Reads a stored manifest.
   *
   * @param collection the collection it must be of
   * @param bytes what {@link #encode} wrote
   * @throws IOException when it is unreadable, inconsistent or of another collection
   */
  public static SnapshotManifest decode(String collection, byte[] bytes) throws IOException {
    JsonNode root = Json.mapper().readTree(bytes);
    if (root == null || !root.path("collection").asText().equals(collection)) {
      throw new IOException("the stored manifest is not one of collection " + collection);
    }
    JsonNode starts = root.path("chunkStarts");
    JsonNode fields = root.path("fields");
    if (!starts.isArray() || !fields.isArray() || !root.path("size").canConvertToInt()) {
      throw new IOException("the stored manifest of " + collection + " lacks its chunks or size");
    }
    int[] chunkStarts = new int[starts.size()];
    for (int i = 0; i < chunkStarts.length; i++) {
      chunkStarts[i] = starts.get(i).asInt();
    }
    List<String> names = new ArrayList<>(fields.size());
    fields.forEach(f -> names.add(f.asText()));
    try {
      return new SnapshotManifest(
          collection,
          root.path("generation").asText(),
          root.path("version").asText(),
          new CollectionMark(
              text(root.path("datasourceVersion")),
              Math.max(0, root.path("count").asLong()),
              text(root.path("updatedAt"))),
          root.path("size").asInt(),
          names,
          chunkStarts);
    } catch (IllegalArgumentException e) {
      throw new IOException("the stored manifest of " + collection + " is inconsistent", e);
    }
  }

  private static Optional<String> text(JsonNode value) {
    return value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
  }
}
