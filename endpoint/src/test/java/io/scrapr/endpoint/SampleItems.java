package io.scrapr.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Items as the datasource serves them: scraped fields plus {@code firstSeen}/{@code lastSeen}. */
public final class SampleItems {
  private SampleItems() {}

  /** Returns {@code count} books titled {@code Book 1}, {@code Book 2}, .... */
  public static List<ObjectNode> books(int count) {
    return titled("Book", count);
  }

  /** Returns {@code count} items titled {@code <prefix> 1}, {@code <prefix> 2}, .... */
  public static List<ObjectNode> titled(String prefix, int count) {
    List<ObjectNode> items = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      ObjectNode item = Json.mapper().createObjectNode();
      item.put("title", prefix + " " + i);
      item.put("url", "https://books.example/" + prefix.toLowerCase() + "/" + i);
      item.put("price", "£" + i + ".99");
      item.putArray("tags").add("fiction").add("new, \"hot\"");
      item.put("firstSeen", "2026-11-20T09:00:00Z");
      item.put("lastSeen", "2026-11-20T10:00:00Z");
      items.add(item);
    }
    return items;
  }
}
