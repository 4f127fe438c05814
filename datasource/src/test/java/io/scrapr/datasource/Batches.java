package io.scrapr.datasource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.time.Instant;
import java.util.List;

/** Item batches as a scraper posts them. */
final class Batches {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  private Batches() {}

  /** A batch keyed by {@code url}. */
  static ObjectNode byUrl(
      String collection, String batchId, Instant scrapedAt, ObjectNode... items) {
    return batch(collection, batchId, scrapedAt, List.of("url"), items);
  }

  /** A batch with any key. */
  static ObjectNode batch(
      String collection, String batchId, Instant scrapedAt, List<String> key, ObjectNode... items) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("collection", collection);
    body.put("configId", "cfg-" + collection);
    body.put("batchId", batchId);
    body.put("scrapedAt", scrapedAt.toString());
    ArrayNode keyNode = body.putArray("key");
    key.forEach(keyNode::add);
    ArrayNode itemsNode = body.putArray("items");
    for (ObjectNode item : items) {
      itemsNode.add(item);
    }
    return body;
  }

  /** A book as the sample configuration scrapes it. */
  static ObjectNode book(int n, String title) {
    ObjectNode item = Json.mapper().createObjectNode();
    item.put("url", "https://books.example/catalogue/book-" + n + ".html");
    item.put("title", title);
    item.put("price", "£" + n + ".99");
    item.putArray("tags").add("fiction").add("n" + n);
    return item;
  }
}
