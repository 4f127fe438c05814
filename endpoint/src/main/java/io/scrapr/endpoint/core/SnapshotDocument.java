package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored form of a snapshot, {@code {"collection", "updatedAt", "items": [...]}}, written from
 * the items' pre-serialised JSON.
 */
public final class SnapshotDocument {
  private SnapshotDocument() {}

  /** Writes a snapshot. */
  public static byte[] encode(Snapshot snapshot) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(JsonPage.estimate(snapshot.items()) + 128);
    out.writeBytes("{\"collection\":".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(Json.writeBytes(snapshot.collection()));
    out.writeBytes(",\"updatedAt\":".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(Json.writeBytes(snapshot.updatedAt().orElse(null)));
    out.writeBytes(",\"items\":[".getBytes(StandardCharsets.UTF_8));
    boolean first = true;
    for (PreparedItem item : snapshot.items()) {
      if (!first) {
        out.write(',');
      }
      out.writeBytes(item.json());
      first = false;
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * Reads a stored snapshot.
   *
   * @param collection the collection it must be of
   * @param bytes what {@link #encode} wrote
   * @throws IOException when it is unreadable or of another collection
   */
  public static Snapshot decode(String collection, byte[] bytes) throws IOException {
    JsonNode root = Json.mapper().readTree(bytes);
    if (root == null || !root.path("collection").asText().equals(collection)) {
      throw new IOException("the stored snapshot is not one of collection " + collection);
    }
    JsonNode items = root.path("items");
    if (!items.isArray()) {
      throw new IOException("the stored snapshot has no items array");
    }
    List<ObjectNode> objects = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      if (item instanceof ObjectNode object) {
        objects.add(object);
      }
    }
    JsonNode updatedAt = root.path("updatedAt");
    return Snapshot.of(
        collection,
        updatedAt.isTextual() ? Optional.of(updatedAt.textValue()) : Optional.empty(),
        objects);
  }
}
