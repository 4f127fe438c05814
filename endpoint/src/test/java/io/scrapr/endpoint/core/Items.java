package io.scrapr.endpoint.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small factories of items and snapshots for the unit tests. */
final class Items {
  private Items() {}

  /** Parses one item from JSON text. */
  static ObjectNode item(String json) {
    try {
      return (ObjectNode) Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns items {@code {"n": 1}} to {@code {"n": count}}. */
  static List<ObjectNode> numbered(int count) {
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      items.add(Json.mapper().createObjectNode().put("n", i));
    }
    return items;
  }

  /** Returns a snapshot of the given items. */
  static Snapshot snapshot(List<ObjectNode> items) {
    return Snapshot.of("books", Optional.of("2026-11-20T10:00:00Z"), items);
  }

  /** Returns the {@code n} of each item of a page. */
  static List<Integer> numbers(List<PreparedItem> page) {
    return page.stream().map(item -> item.node().path("n").asInt()).toList();
  }

  /** Parses a rendered body. */
  static JsonNode json(byte[] body) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a query with the given projection and format, the rest default. */
  static PageQuery query(Projection projection, Format format) {
    return new PageQuery(0, PageQuery.DEFAULT_LIMIT, false, projection, format);
  }
}
