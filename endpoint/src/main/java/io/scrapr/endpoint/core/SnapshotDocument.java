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
 * The stored form of a snapshot, {@code {"collection", "updatedAt", "datasourceVersion", "count",
 * "items": [...]}}, written from the items' pre-serialised JSON. {@code datasourceVersion} and
 * {@code count} are the datasource's mark of the state the copy was read at, so an endpoint
 * restarted on it knows what it serves; a document written before they existed reads as a copy of
 * unknown version.
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
    out.writeBytes(",\"datasourceVersion\":".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(Json.writeBytes(snapshot.mark().version().orElse(null)));
    out.writeBytes(",\"count\":".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(Long.toString(snapshot.mark().count()).getBytes(StandardCharsets.UTF_8));
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
    JsonNode count = root.path("count");
    CollectionMark mark =
        new CollectionMark(
            text(root.path("datasourceVersion")),
            count.canConvertToLong() && count.asLong() >= 0 ? count.asLong() : objects.size(),
            text(root.path("updatedAt")));
    return Snapshot.of(collection, mark, objects);
  }

  private static Optional<String> text(JsonNode value) {
    return value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
  }
}
