package io.scrapr.endpoint.core;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Writes one item per line (JSON Lines), from the items' pre-serialised JSON. */
final class JsonLines {
  private JsonLines() {}

  static byte[] render(PageQuery query, List<PreparedItem> page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(JsonPage.estimate(page) + 16);
    for (PreparedItem item : page) {
      item.writeJson(out, query.projection());
      out.write('\n');
    }
    return out.toByteArray();
  }
}
