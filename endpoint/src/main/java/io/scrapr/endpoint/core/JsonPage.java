package io.scrapr.endpoint.core;

import io.scrapr.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@code {"collection", "total", "offset", "limit", "updatedAt", "items": [...]}} (and
 * {@code "cursor"} for a change feed) by concatenating the items' pre-serialised JSON.
 */
final class JsonPage {
  private JsonPage() {}

  /**
   * Renders a page.
   *
   * @param total how many items the query selects in all pages
   * @param cursor the change feed's place after the page; null when the query is no feed
   */
  static byte[] render(
      Snapshot snapshot, PageQuery query, List<PreparedItem> page, int total, String cursor) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(page) + 200);
    write(out, "{\"collection\":");
    out.writeBytes(Json.writeBytes(snapshot.collection()));
    write(out, ",\"total\":" + total);
    write(out, ",\"offset\":" + query.offset());
    write(out, ",\"limit\":" + query.limit());
    write(out, ",\"updatedAt\":");
    out.writeBytes(Json.writeBytes(snapshot.updatedAt().orElse(null)));
    if (cursor != null) {
      write(out, ",\"cursor\":");
      out.writeBytes(Json.writeBytes(cursor));
    }
    write(out, ",\"items\":[");
    boolean first = true;
    for (PreparedItem item : page) {
      if (!first) {
        out.write(',');
      }
      item.writeJson(out, query.projection());
      first = false;
    }
    write(out, "]}");
    return out.toByteArray();
  }

  /** Renders one item alone, as the one-item route answers it. */
  static byte[] item(PreparedItem item, Projection projection) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(item.json().length + 2);
    item.writeJson(out, projection);
    return out.toByteArray();
  }

  static int estimate(List<PreparedItem> page) {
    long bytes = 0;
    for (PreparedItem item : page) {
      bytes += item.json().length + 1;
    }
    return (int) Math.min(bytes, Integer.MAX_VALUE - 1024);
  }

  private static void write(ByteArrayOutputStream out, String ascii) {
    out.writeBytes(ascii.getBytes(StandardCharsets.UTF_8));
  }
}
