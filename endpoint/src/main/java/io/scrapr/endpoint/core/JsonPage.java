package io.scrapr.endpoint.core;

import io.scrapr.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@code {"collection", "total", "offset", "limit", "updatedAt", "items": [...]}} by
 * concatenating the items' pre-serialised JSON.
 */
final class JsonPage {
  private JsonPage() {}

  static byte[] render(Snapshot snapshot, PageQuery query, List<PreparedItem> page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(page) + 160);
    write(out, "{\"collection\":");
    out.writeBytes(Json.writeBytes(snapshot.collection()));
    write(out, ",\"total\":" + snapshot.size());
    write(out, ",\"offset\":" + query.offset());
    write(out, ",\"limit\":" + query.limit());
    write(out, ",\"updatedAt\":");
    out.writeBytes(Json.writeBytes(snapshot.updatedAt().orElse(null)));
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
