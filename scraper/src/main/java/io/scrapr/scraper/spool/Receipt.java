package io.scrapr.scraper.spool;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.json.Json;
import io.scrapr.scraper.core.RefusedItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasource's 202 receipt for a batch: {@code {batchId, accepted, duplicate, refused: [{index,
 * reason}]}}. A receipt that is missing or not JSON means nothing was refused.
 */
final class Receipt {
  private static final int MAX_KEY_CHARS = 200;

  private final JsonNode refused;

  private Receipt(JsonNode refused) {
    this.refused = refused;
  }

  /** Reads a receipt; never fails. */
  static Receipt parse(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : Json.mapper().readTree(body);
      JsonNode refused = node == null ? null : node.path("refused");
      return new Receipt(
          refused != null && refused.isArray() ? refused : Json.mapper().createArrayNode());
    } catch (IOException e) {
      return new Receipt(Json.mapper().createArrayNode());
    }
  }

  /** Returns how many items the datasource refused. */
  int refusedCount() {
    return refused.size();
  }

  /**
   * Returns the first refused items, with the values of their key fields taken from the batch.
   *
   * @param batch the batch as posted
   * @param limit the most to return
   */
  List<RefusedItem> refused(JsonNode batch, int limit) {
    String batchId = batch.path("batchId").asText();
    List<RefusedItem> items = new ArrayList<>();
    for (JsonNode entry : refused) {
      if (items.size() >= limit) {
        break;
      }
      int index = Math.max(0, entry.path("index").asInt(0));
      String reason = entry.path("reason").asText("refused");
      items.add(
          new RefusedItem(batchId, index, reason, keyOf(batch, batch.path("items").path(index))));
    }
    return items;
  }

  private static Map<String, String> keyOf(JsonNode batch, JsonNode item) {
    Map<String, String> key = new LinkedHashMap<>();
    for (JsonNode field : batch.path("key")) {
      JsonNode value = item.path(field.asText());
      if (value.isValueNode() && !value.isNull()) {
        String text = value.asText();
        key.put(
            field.asText(),
            text.length() > MAX_KEY_CHARS ? text.substring(0, MAX_KEY_CHARS) + "..." : text);
      }
    }
    return key;
  }
}
